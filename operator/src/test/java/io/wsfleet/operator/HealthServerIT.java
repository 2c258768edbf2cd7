package io.wsfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wsfleet.operator.model.OperatorSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The probes answer in time while the operator's start-up holds its locks (here: waiting for an API server that never answers). */
class HealthServerIT {

    /** The kubelet's default probe timeout. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    @Test
    void probesAndMetricsAnswerWithinTheProbeTimeoutWhileTheOperatorWaitsForTheApiServer() throws Exception {
        // accepts connections (the kernel's backlog completes the handshake) and never says a word
        ServerSocket silentApiServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("https://127.0.0.1:" + silentApiServer.getLocalPort()).build()).build();
        PrometheusMeterRegistry registry = OperatorMetrics.registry();
        Operator operator = Operators.create(client, new OperatorConfig(Set.of(), OperatorSettings.defaults(), false, "", 0),
                registry, false);
        Thread starter = Thread.ofPlatform().daemon().name("operator-start").start(() -> {
            try {
                operator.start();
            } catch (RuntimeException expected) {
                // informers never sync without an API server
            }
        });
        try (HealthServer health = HealthServer.start(0, operator, registry)) {
            await().until(() -> starter.getState() == Thread.State.TIMED_WAITING || starter.getState() == Thread.State.WAITING);
            long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            int answers = 0;
            while (System.nanoTime() < until) {
                assertThat(get(health, "/readyz")).isEqualTo("503 {\"status\":\"DOWN\"}");
                assertThat(get(health, "/healthz")).isEqualTo("503 {\"status\":\"DOWN\"}");
                assertThat(get(health, "/metrics")).startsWith("200").contains("jvm_memory_used_bytes");
                answers++;
            }
            assertThat(starter.isAlive()).as("the start-up was still blocked while the probes answered").isTrue();
            assertThat(answers).isPositive();
        } finally {
            starter.interrupt();
            client.close();
            silentApiServer.close();
        }
    }

    private static String get(HealthServer health, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port() + path)).timeout(PROBE_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
