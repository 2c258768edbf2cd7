package io.wsfleet.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wsfleet.operator.support.ConnectedGateway;
import io.wsfleet.operator.support.PrometheusServer;
import io.wsfleet.operator.support.PrometheusServer.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numbers the autoscalers would read, from a real Prometheus scraping two real gateways that hold known numbers of
 * connections. The targets carry the labels a ServiceMonitor gives them (namespace, pod); beside the two gateway pods of
 * cluster {@code chat} in {@code prod}, the same gateway is scraped as a pod of cluster {@code chat-gateway} in the same
 * namespace and as a pod of {@code chat} in {@code staging}, which neither query may count.
 */
class ConnectionsQueryIT {

    static final String POD_A = "chat-gateway-7c9d5b8f4-a1b2c";
    static final String POD_B = "chat-gateway-7c9d5b8f4-d3e4f";

    @Test
    void theAdaptersPodsMetricAndKedasValueAreTheConnectionsPerPod(@TempDir Path work) throws Exception {
        try (ConnectedGateway a = ConnectedGateway.start(); ConnectedGateway b = ConnectedGateway.start()) {
            a.connectUntil(3);
            b.connectUntil(5);
            try (PrometheusServer prometheus = PrometheusServer.start(configuration(a, b), work)) {
                // as prometheus-adapter asks for the HPA: this namespace's selected pods, one value each
                String adapterQuery = ConnectionsQuery.RULE.expand("namespace=\"prod\",pod=~\"" + POD_A + "|" + POD_B + "\"", "pod");
                String kedaQuery = kedaQuery();

                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertThat(byPod(prometheus.query(adapterQuery))).isEqualTo(Map.of(POD_A, 3.0, POD_B, 5.0));
                    assertThat(prometheus.query(kedaQuery)).singleElement().satisfies(sample -> assertThat(sample.value()).isEqualTo(4.0));
                });

                a.connectUntil(6);
                b.disconnectUntil(1);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertThat(byPod(prometheus.query(adapterQuery))).isEqualTo(Map.of(POD_A, 6.0, POD_B, 1.0));
                    assertThat(prometheus.query(kedaQuery)).singleElement().satisfies(sample -> assertThat(sample.value()).isEqualTo(3.5));
                });
            }
        }
    }

    /** The query of the ScaledObject the operator writes for cluster chat in prod. */
    @SuppressWarnings("unchecked")
    static String kedaQuery() {
        Map<String, Object> spec = KedaModelTest.spec(KedaModel.scaledObject(KedaModelTest.keda("prod", "chat", 1000)));
        Map<String, Object> prometheusTrigger = ((List<Map<String, Object>>) spec.get("triggers")).stream()
                .filter(trigger -> trigger.get("type").equals("prometheus")).findFirst().orElseThrow();
        return (String) ((Map<String, Object>) prometheusTrigger.get("metadata")).get("query");
    }

    static Map<String, Double> byPod(List<Sample> samples) {
        return samples.stream().collect(Collectors.toMap(sample -> sample.labels().get("pod"), Sample::value));
    }

    /** Each gateway's admin port as a target with a pod's labels; gateway b also under two pods no query may count. */
    static String configuration(ConnectedGateway a, ConnectedGateway b) {
        return """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: wsfleet-gateways
                    metrics_path: /metrics
                    static_configs:
                      - targets: ["%s"]
                        labels: {namespace: prod, pod: %s}
                      - targets: ["%s"]
                        labels: {namespace: prod, pod: %s}
                      - targets: ["%s"]
                        labels: {namespace: prod, pod: chat-gateway-gateway-6f7b8c9d5-g5h6i}
                      - targets: ["%s"]
                        labels: {namespace: staging, pod: %s}
                """.formatted(a.adminAddress(), POD_A, b.adminAddress(), POD_B, b.adminAddress(), b.adminAddress(), POD_A);
    }
}
