package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.Map;

/** The Service clients connect to. */
public record ServiceSpec(
        @Default("LoadBalancer") @JsonPropertyDescription("Service type: LoadBalancer, NodePort or ClusterIP.") ServiceType type,
        @JsonPropertyDescription("Service annotations; default: an internet-facing AWS NLB with cross-zone load balancing.")
        Map<String, String> annotations,
        @Min(1) @Max(65535) @Default("443") @JsonPropertyDescription("Port clients connect to.") Integer port,
        @Default("None") @JsonPropertyDescription("None or ClientIP (sticky connections from one client address).")
        SessionAffinity sessionAffinity,
        @JsonPropertyDescription("Cluster or Local (keeps client addresses, only nodes with a gateway receive traffic).")
        TrafficPolicy externalTrafficPolicy) {

    public static final Map<String, String> NLB_ANNOTATIONS = Map.of(
            "service.beta.kubernetes.io/aws-load-balancer-type", "nlb",
            "service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled", "true");

    public ServiceSpec {
        type = type == null ? ServiceType.LoadBalancer : type;
        annotations = annotations == null ? NLB_ANNOTATIONS : Map.copyOf(annotations);
        port = port == null ? 443 : port;
        sessionAffinity = sessionAffinity == null ? SessionAffinity.None : sessionAffinity;
    }
}
