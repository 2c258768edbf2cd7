package io.wsfleet.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.wsfleet.operator.api.v1alpha1.AutoscalingSpec;
import io.wsfleet.operator.api.v1alpha1.ServiceSpec;
import io.wsfleet.operator.api.v1alpha1.ServiceType;
import io.wsfleet.operator.api.v1alpha1.TlsSpec;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What sits around the gateway pods: the client-facing Service, the autoscaler and the disruption budget. */
public final class EdgeModel {

    static final String SSL_CERT = "service.beta.kubernetes.io/aws-load-balancer-ssl-cert";
    static final String SSL_PORTS = "service.beta.kubernetes.io/aws-load-balancer-ssl-ports";
    static final String BACKEND_PROTOCOL = "service.beta.kubernetes.io/aws-load-balancer-backend-protocol";

    private EdgeModel() {
    }

    public static Service service(WebSocketCluster resource) {
        ClusterNames names = ClusterNames.of(resource);
        ServiceSpec service = resource.getSpec().service();
        return new ServiceBuilder()
                .withMetadata(names.metadata(names.gateway(), ClusterNames.GATEWAY))
                .editMetadata().withAnnotations(annotations(service, resource.getSpec().tls())).endMetadata()
                .withNewSpec()
                    .withType(service.type().name())
                    .withSelector(names.selector(ClusterNames.GATEWAY))
                    .addNewPort().withName("ws").withProtocol("TCP").withPort(service.port())
                        .withTargetPort(new IntOrString("ws")).endPort()
                    .withSessionAffinity(service.sessionAffinity().name())
                    .withExternalTrafficPolicy(service.type() == ServiceType.ClusterIP || service.externalTrafficPolicy() == null
                            ? null : service.externalTrafficPolicy().name())
                .endSpec()
                .build();
    }

    /** The user's annotations, plus the NLB's TLS listener when TLS ends at the load balancer. */
    private static Map<String, String> annotations(ServiceSpec service, TlsSpec tls) {
        Map<String, String> annotations = new LinkedHashMap<>(service.annotations());
        if (tls.atLoadBalancer()) {
            annotations.put(SSL_CERT, tls.certificateArn());
            annotations.put(SSL_PORTS, String.valueOf(service.port()));
            annotations.put(BACKEND_PROTOCOL, "tcp");
        }
        return annotations;
    }

    /**
     * The URL clients use: the load balancer's address once it has one; for the other Service types,
     * which have no external address of their own, the Service's in-cluster name once it exists.
     */
    public static Optional<String> endpoint(WebSocketCluster resource, Service observed) {
        if (observed == null) {
            return Optional.empty();
        }
        if (resource.getSpec().service().type() != ServiceType.LoadBalancer) {
            ClusterNames names = ClusterNames.of(resource);
            return Optional.of(url(resource, names.gateway() + "." + names.namespace() + ".svc"));
        }
        return loadBalancerHost(observed).map(host -> url(resource, host));
    }

    private static Optional<String> loadBalancerHost(Service observed) {
        if (observed.getStatus() == null || observed.getStatus().getLoadBalancer() == null) {
            return Optional.empty();
        }
        List<LoadBalancerIngress> ingress = observed.getStatus().getLoadBalancer().getIngress();
        if (ingress == null || ingress.isEmpty()) {
            return Optional.empty();
        }
        LoadBalancerIngress first = ingress.getFirst();
        String host = first.getHostname() != null && !first.getHostname().isBlank() ? first.getHostname() : first.getIp();
        return host == null || host.isBlank() ? Optional.empty() : Optional.of(host);
    }

    private static String url(WebSocketCluster resource, String host) {
        boolean secure = resource.getSpec().tls().secure();
        int port = resource.getSpec().service().port();
        boolean defaultPort = port == (secure ? 443 : 80);
        return (secure ? "wss://" : "ws://") + host + (defaultPort ? "" : ":" + port) + "/ws";
    }

    public static HorizontalPodAutoscaler autoscaler(WebSocketCluster resource) {
        ClusterNames names = ClusterNames.of(resource);
        AutoscalingSpec autoscaling = resource.getSpec().autoscaling();
        return new HorizontalPodAutoscalerBuilder()
                .withMetadata(names.metadata(names.gateway(), ClusterNames.GATEWAY))
                .withNewSpec()
                    // the cluster's scale subresource, not the Deployment: the HPA's count lands in spec.gateway.replicas, the
                    // one count that kubectl scale, the Deployment and the operator's updates agree on
                    .withNewScaleTargetRef().withApiVersion(resource.getApiVersion()).withKind(resource.getKind())
                        .withName(names.cluster()).endScaleTargetRef()
                    .withMinReplicas(autoscaling.minReplicas())
                    .withMaxReplicas(autoscaling.maxReplicas())
                    .withMetrics(metrics(autoscaling))
                    .withBehavior(DrainPacing.behavior(resource.getSpec()))
                .endSpec()
                .build();
    }

    private static List<MetricSpec> metrics(AutoscalingSpec autoscaling) {
        List<MetricSpec> metrics = new ArrayList<>();
        metrics.add(new MetricSpecBuilder().withType("Resource").withNewResource().withName("cpu")
                .withNewTarget().withType("Utilization").withAverageUtilization(autoscaling.targetCPUUtilization()).endTarget()
                .endResource().build());
        if (autoscaling.targetConnectionsPerPod() != null) {
            metrics.add(new MetricSpecBuilder().withType("Pods").withNewPods()
                    .withNewMetric().withName(ConnectionsQuery.RULE.metricName()).endMetric()
                    .withNewTarget().withType("AverageValue")
                        .withNewAverageValue(String.valueOf(autoscaling.targetConnectionsPerPod())).endTarget()
                    .endPods().build());
        }
        return metrics;
    }

    /** Voluntary evictions (node drains, upgrades) stop at most as many gateways at a time as a rollout does. */
    public static PodDisruptionBudget disruptionBudget(WebSocketCluster resource) {
        ClusterNames names = ClusterNames.of(resource);
        return new PodDisruptionBudgetBuilder()
                .withMetadata(names.metadata(names.gateway(), ClusterNames.GATEWAY))
                .withNewSpec()
                    .withMaxUnavailable(new IntOrString(DrainPacing.podsAtOnce(resource.getSpec(), GatewayModel.replicas(resource.getSpec()))))
                    .withNewSelector().withMatchLabels(names.selector(ClusterNames.GATEWAY)).endSelector()
                .endSpec()
                .build();
    }
}
