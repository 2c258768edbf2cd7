package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** The gateway HorizontalPodAutoscaler (the seed's 10..100 pods at 70% CPU). */
@ValidationRule(value = "self.minReplicas <= self.maxReplicas", message = "minReplicas must not exceed maxReplicas",
        fieldPath = ".minReplicas")
public record AutoscalingSpec(
        @Default("true") @JsonPropertyDescription("Create the HPA; when false, gateway.replicas is used.") Boolean enabled,
        @Min(1) @Default("10") @JsonPropertyDescription("Fewest gateway pods.") Integer minReplicas,
        @Min(1) @Default("100") @JsonPropertyDescription("Most gateway pods.") Integer maxReplicas,
        @Min(1) @Max(100) @Default("70") @JsonPropertyDescription("Average CPU utilisation (% of requests) to aim for.")
        Integer targetCPUUtilization,
        @Min(1) @JsonPropertyDescription("Optional: average open connections per pod to aim for (pods metric wsfleet_connections, served by a metrics adapter).")
        Integer targetConnectionsPerPod,
        @JsonPropertyDescription("How fast the HPA removes pods.") ScaleDownSpec scaleDown) {

    public AutoscalingSpec {
        enabled = enabled == null || enabled;
        minReplicas = minReplicas == null ? 10 : minReplicas;
        maxReplicas = maxReplicas == null ? 100 : maxReplicas;
        targetCPUUtilization = targetCPUUtilization == null ? 70 : targetCPUUtilization;
        scaleDown = scaleDown == null ? new ScaleDownSpec(null, null) : scaleDown;
    }
}
