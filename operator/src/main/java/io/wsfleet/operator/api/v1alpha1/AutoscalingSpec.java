package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** The gateways' autoscaler (the seed's 10..100 pods at 70% CPU): an HPA, or a KEDA ScaledObject. */
@ValidationRule(value = "self.minReplicas <= self.maxReplicas", message = "minReplicas must not exceed maxReplicas",
        fieldPath = ".minReplicas")
@ValidationRule(value = "self.provider != 'KEDA' || (has(self.targetConnectionsPerPod) && has(self.keda) && has(self.keda.serverAddress))",
        message = "provider KEDA needs targetConnectionsPerPod and keda.serverAddress", fieldPath = ".provider")
public record AutoscalingSpec(
        @Default("true") @JsonPropertyDescription("Create the autoscaler; when false, gateway.replicas is used.") Boolean enabled,
        @Min(1) @Default("10") @JsonPropertyDescription("Fewest gateway pods.") Integer minReplicas,
        @Min(1) @Default("100") @JsonPropertyDescription("Most gateway pods.") Integer maxReplicas,
        @Min(1) @Max(100) @Default("70") @JsonPropertyDescription("Average CPU utilisation (% of requests) to aim for.")
        Integer targetCPUUtilization,
        @Min(1) @JsonPropertyDescription("Optional: average open connections per pod to aim for (the gateways' wsfleet_connections gauge:"
                + " a Pods metric served by prometheus-adapter with the chart's rule, or KEDA's Prometheus trigger).")
        Integer targetConnectionsPerPod,
        @JsonPropertyDescription("How fast pods are removed: each removed pod drains (gateway.drain), one at a time.") ScaleDownSpec scaleDown,
        @Default("HPA")
        @JsonPropertyDescription("HPA: the operator's HorizontalPodAutoscaler. KEDA: a KEDA ScaledObject instead (KEDA must be installed),"
                + " with a Prometheus trigger on targetConnectionsPerPod.")
        AutoscalerProvider provider,
        @JsonPropertyDescription("The ScaledObject's Prometheus trigger, for provider KEDA.") KedaSpec keda) {

    public AutoscalingSpec {
        enabled = enabled == null || enabled;
        minReplicas = minReplicas == null ? 10 : minReplicas;
        maxReplicas = maxReplicas == null ? 100 : maxReplicas;
        targetCPUUtilization = targetCPUUtilization == null ? 70 : targetCPUUtilization;
        scaleDown = scaleDown == null ? new ScaleDownSpec(null, null) : scaleDown;
        provider = provider == null ? AutoscalerProvider.HPA : provider;
    }

    /** Whether the operator's own HPA scales the gateways. */
    public boolean byHpa() {
        return enabled && provider == AutoscalerProvider.HPA;
    }

    /** Whether a KEDA ScaledObject scales the gateways. */
    public boolean byKeda() {
        return enabled && provider == AutoscalerProvider.KEDA;
    }
}
