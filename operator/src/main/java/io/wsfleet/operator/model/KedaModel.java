package io.wsfleet.operator.model;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.wsfleet.operator.api.v1alpha1.AutoscalingSpec;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KEDA ScaledObject that scales the gateways instead of the operator's HPA (autoscaling.provider KEDA): the same
 * target (the cluster's scale subresource), bounds, CPU target and behaviour as the HPA, and instead of the Pods metric a
 * Prometheus trigger on the mean connections per pod. KEDA makes and owns an HPA from it ({@code keda-hpa-<name>}).
 */
public final class KedaModel {

    public static final String API_VERSION = "keda.sh/v1alpha1";
    public static final String KIND = "ScaledObject";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private KedaModel() {
    }

    public static GenericKubernetesResource scaledObject(WebSocketCluster resource) {
        ClusterNames names = ClusterNames.of(resource);
        AutoscalingSpec autoscaling = resource.getSpec().autoscaling();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("scaleTargetRef", Map.of("apiVersion", resource.getApiVersion(), "kind", resource.getKind(), "name", names.cluster()));
        spec.put("minReplicaCount", autoscaling.minReplicas());
        spec.put("maxReplicaCount", autoscaling.maxReplicas());
        spec.put("advanced", Map.of("horizontalPodAutoscalerConfig",
                Map.of("behavior", SERIALIZATION.convertValue(DrainPacing.behavior(resource.getSpec()), Map.class))));
        spec.put("triggers", List.of(
                Map.of("type", "cpu", "metricType", "Utilization",
                        "metadata", Map.of("value", String.valueOf(autoscaling.targetCPUUtilization()))),
                Map.of("type", "prometheus",
                        // the query's value is already per pod: the HPA multiplies value / threshold by the pods, as for a Pods metric
                        "metricType", "Value",
                        "metadata", Map.of(
                                "serverAddress", autoscaling.keda().serverAddress(),
                                "query", ConnectionsQuery.RULE.ofCluster(names),
                                "threshold", String.valueOf(autoscaling.targetConnectionsPerPod()),
                                // no gateway scraped is an error, not 0 connections: the HPA keeps its count instead of scaling down
                                "ignoreNullValues", "false"))));
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION).withKind(KIND)
                .withMetadata(names.metadata(names.gateway(), ClusterNames.GATEWAY))
                .addToAdditionalProperties("spec", spec)
                .build();
    }
}
