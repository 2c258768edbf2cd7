package io.wsfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wsfleet.operator.model.OperatorSettings;
import io.wsfleet.operator.support.Clusters;
import io.wsfleet.operator.support.OperatorHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The operator as Main runs it: leader election, one watched namespace, probes and Prometheus metrics. */
class OperatorProcessIT {

    @Test
    void electsALeaderWatchesItsNamespacesAndServesProbesAndMetrics() throws Exception {
        PrometheusMeterRegistry registry = OperatorMetrics.registry();
        OperatorConfig config = new OperatorConfig(Set.of("watched"), OperatorSettings.defaults(), true, "operators", 0);
        try (OperatorHarness harness = OperatorHarness.start(config, registry);
             HealthServer health = HealthServer.start(0, harness.operator(), registry)) {
            var client = harness.client();

            await().untilAsserted(() -> assertThat(client.resources(Lease.class).inNamespace("operators")
                    .withName(OperatorConfig.LEASE_NAME).get()).isNotNull());
            client.resource(Clusters.minimal("watched", "chat")).create();
            client.resource(Clusters.minimal("elsewhere", "chat")).create();
            await().untilAsserted(() -> assertThat(client.resources(Deployment.class).inNamespace("watched")
                    .withName("chat-gateway").get()).isNotNull());

            assertThat(get(health, "/readyz")).isEqualTo("200 {\"status\":\"UP\"}");
            assertThat(get(health, "/healthz")).isEqualTo("200 {\"status\":\"UP\"}");
            await().untilAsserted(() -> assertThat(get(health, "/metrics")).startsWith("200")
                    .contains("operator_sdk_reconciliations_executions").contains("namespace=\"watched\"")
                    .contains("jvm_memory_used_bytes"));
            assertThat(client.resources(Deployment.class).inNamespace("elsewhere").list().getItems())
                    .as("namespaces not watched are left alone").isEmpty();

            // a second replica waits for the Lease, and is live and ready meanwhile (its informers do not run)
            PrometheusMeterRegistry followerRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            Operator follower = Operators.create(client, config, followerRegistry, false);
            try (HealthServer followerHealth = HealthServer.start(0, follower, followerRegistry)) {
                assertThat(get(followerHealth, "/readyz")).as("not started yet").isEqualTo("503 {\"status\":\"DOWN\"}");
                assertThat(get(followerHealth, "/healthz")).as("not started yet").isEqualTo("503 {\"status\":\"DOWN\"}");
                follower.start();
                assertThat(get(followerHealth, "/healthz")).isEqualTo("200 {\"status\":\"UP\"}");
                assertThat(get(followerHealth, "/readyz")).isEqualTo("200 {\"status\":\"UP\"}");
            } finally {
                follower.stop();
            }
        }
    }

    private static String get(HealthServer health, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
