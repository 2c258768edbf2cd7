package io.wsfleet.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.wsfleet.operator.api.v1alpha1.AutoscalerProvider;
import io.wsfleet.operator.api.v1alpha1.AutoscalingSpec;
import io.wsfleet.operator.api.v1alpha1.KedaSpec;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterSpec;
import io.wsfleet.operator.support.Clusters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KedaModelTest {

    static final String PROMETHEUS = "http://prometheus-operated.monitoring.svc:9090";

    @Test
    void theScaledObjectScalesTheClusterAsTheHpaWouldWithAPrometheusTriggerOnConnectionsPerPod() {
        WebSocketCluster cluster = keda("prod", "chat", 5000);
        GenericKubernetesResource scaledObject = KedaModel.scaledObject(cluster);
        Map<String, Object> spec = spec(scaledObject);

        assertThat(scaledObject.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
        assertThat(scaledObject.getKind()).isEqualTo("ScaledObject");
        assertThat(scaledObject.getMetadata().getName()).isEqualTo("chat-gateway");
        assertThat(scaledObject.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("WebSocketCluster"));
        assertThat(spec.get("scaleTargetRef")).isEqualTo(Map.of("apiVersion", "wsfleet.io/v1alpha1", "kind", "WebSocketCluster", "name", "chat"));
        assertThat(spec).containsEntry("minReplicaCount", 2).containsEntry("maxReplicaCount", 20);
        assertThat(new KubernetesSerialization().convertValue(spec.get("advanced"), Map.class))
                .isEqualTo(Map.of("horizontalPodAutoscalerConfig", Map.of("behavior",
                        new KubernetesSerialization().convertValue(DrainPacing.behavior(cluster.getSpec()), Map.class))));
        assertThat(spec.get("triggers")).isEqualTo(List.of(
                Map.of("type", "cpu", "metricType", "Utilization", "metadata", Map.of("value", "60")),
                Map.of("type", "prometheus", "metricType", "Value", "metadata", Map.of(
                        "serverAddress", PROMETHEUS,
                        "query", "avg(wsfleet_connections{namespace=\"prod\",pod=~\"chat-gateway-[a-z0-9]+-[a-z0-9]+\"}) by ()",
                        "threshold", "5000",
                        "ignoreNullValues", "false"))));
    }

    @Test
    void theQueryIsTheAdaptersTemplateOverTheClustersPods() {
        assertThat(ConnectionsQuery.RULE.metricName()).isEqualTo("wsfleet_connections");
        assertThat(ConnectionsQuery.RULE.expand("namespace=\"prod\",pod=~\"a|b\"", "pod"))
                .isEqualTo("avg(wsfleet_connections{namespace=\"prod\",pod=~\"a|b\"}) by (pod)");
        assertThat(ConnectionsQuery.RULE.ofCluster(ClusterNames.of(keda("team-a", "chat.v2", 10))))
                .as("a dot in a name is no regular expression wildcard")
                .isEqualTo("avg(wsfleet_connections{namespace=\"team-a\",pod=~\"chat[.]v2-gateway-[a-z0-9]+-[a-z0-9]+\"}) by ()");
    }

    static WebSocketCluster keda(String namespace, String name, int connectionsPerPod) {
        return Clusters.of(namespace, name, new WebSocketClusterSpec(null,
                new AutoscalingSpec(true, 2, 20, 60, connectionsPerPod, null, AutoscalerProvider.KEDA, new KedaSpec(PROMETHEUS)),
                null, null, Clusters.jwtAuth(), null, null, null, null, null, null, null));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource object) {
        return (Map<String, Object>) object.getAdditionalProperties().get("spec");
    }
}
