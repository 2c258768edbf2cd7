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

/** The probes answer at once while the operator's start-up holds its locks (here: waiting for an API server that never answers). */
class HealthServerIT {

    /**
     * The server answers within {@link HealthServer#ANSWER_WITHIN}, well inside the kubelet's default probe
     * timeout (1 s); this limit leaves the client slack on a loaded test machine. Blocked probes would wait
     * for the API server's connection timeout (10 s).
     */
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(2);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

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
            while (System.nanoTime() < until) {
                assertThat(get(health, "/readyz")).isEqualTo("503 {\"status\":\"DOWN\"}");
                assertThat(get(health, "/healthz")).isEqualTo("503 {\"status\":\"DOWN\"}");
                assertThat(get(health, "/metrics")).startsWith("200").contains("jvm_memory_used_bytes");
            }
            assertThat(starter.isAlive()).as("the start-up was still blocked while the probes answered").isTrue();
        } finally {
            starter.interrupt();
            client.close();
            silentApiServer.close();
        }
    }

    private static String get(HealthServer health, String path) throws Exception {
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port() + path)).timeout(ANSWER_LIMIT).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
