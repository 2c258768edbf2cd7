package io.wsfleet.operator.model;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import java.util.List;
import java.util.Map;

/**
 * The gateways' admin port (publish API, /health, /metrics) inside the cluster: its ClusterIP Service
 * with Prometheus scrape annotations, an optional ServiceMonitor, and an optional NetworkPolicy.
 */
public final class AdminModel {

    public static final String SERVICE_MONITOR_API_VERSION = "monitoring.coreos.com/v1";
    public static final String SERVICE_MONITOR_KIND = "ServiceMonitor";
    /** Label of the admin Service, which a ServiceMonitor selects (the client Service has the same component labels). */
    static final String PORT_LABEL = "wsfleet.io/port";
    /** The label every namespace carries with its own name (Kubernetes 1.21+). */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private AdminModel() {
    }

    public static Service service(WebSocketCluster resource) {
        ClusterNames names = ClusterNames.of(resource);
        return new ServiceBuilder()
                .withMetadata(names.metadata(names.gatewayAdmin(), ClusterNames.GATEWAY))
                .editMetadata()
                    .addToLabels(PORT_LABEL, "admin")
                    // for a Prometheus that discovers Service endpoints by annotation (no Prometheus Operator)
                    .addToAnnotations("prometheus.io/scrape", "true")
                    .addToAnnotations("prometheus.io/port", String.valueOf(GatewayModel.ADMIN_PORT))
                    .addToAnnotations("prometheus.io/path", "/metrics")
                .endMetadata()
                .withNewSpec()
                    .withType("ClusterIP")
                    .withSelector(names.selector(ClusterNames.GATEWAY))
                    .addNewPort().withName("admin").withProtocol("TCP").withPort(GatewayModel.ADMIN_PORT)
                        .withTargetPort(new IntOrString("admin")).endPort()
                .endSpec()
                .build();
    }

    /** Prometheus Operator: scrape /metrics of every gateway pod behind the admin Service. */
    public static GenericKubernetesResource serviceMonitor(WebSocketCluster resource) {
        ClusterNames names = ClusterNames.of(resource);
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(SERVICE_MONITOR_API_VERSION).withKind(SERVICE_MONITOR_KIND)
                .withMetadata(names.metadata(names.gateway(), ClusterNames.GATEWAY))
                .addToAdditionalProperties("spec", Map.of(
                        "selector", Map.of("matchLabels", Map.of(PORT_LABEL, "admin",
                                "app.kubernetes.io/instance", names.cluster(), "app.kubernetes.io/name", "wsfleet")),
                        "endpoints", List.of(Map.of("port", "admin", "path", "/metrics", "interval", "30s"))))
                .build();
    }

    /**
     * Admits pods of the named namespaces to the admin port; the client port stays open to all. Probes
     * come from the kubelet on the node, which NetworkPolicies do not restrict.
     */
    public static NetworkPolicy networkPolicy(WebSocketCluster resource) {
        ClusterNames names = ClusterNames.of(resource);
        return new NetworkPolicyBuilder()
                .withMetadata(names.metadata(names.gateway(), ClusterNames.GATEWAY))
                .withNewSpec()
                    .withNewPodSelector().withMatchLabels(names.selector(ClusterNames.GATEWAY)).endPodSelector()
                    .withPolicyTypes("Ingress")
                    .addNewIngress().addNewPort().withProtocol("TCP").withPort(new IntOrString(GatewayModel.WS_PORT)).endPort().endIngress()
                    .addNewIngress()
                        .addNewPort().withProtocol("TCP").withPort(new IntOrString(GatewayModel.ADMIN_PORT)).endPort()
                        .addNewFrom().withNewNamespaceSelector().addNewMatchExpression().withKey(NAMESPACE_NAME_LABEL).withOperator("In")
                            .withValues(resource.getSpec().admin().allowedNamespaces()).endMatchExpression().endNamespaceSelector().endFrom()
                    .endIngress()
                .endSpec()
                .build();
    }
}
