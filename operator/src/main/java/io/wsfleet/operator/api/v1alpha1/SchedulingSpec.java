package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.List;
import java.util.Map;

/** Pod placement, copied onto the gateway pod template as given. */
public record SchedulingSpec(
        @JsonPropertyDescription("Node labels the pods require.") Map<String, String> nodeSelector,
        @JsonPropertyDescription("Taints the pods tolerate.") List<Toleration> tolerations,
        @JsonPropertyDescription("Node and pod affinity.") Affinity affinity,
        @JsonPropertyDescription("Spread constraints; empty: spread over zones, best effort.")
        List<TopologySpreadConstraint> topologySpreadConstraints) {

    public SchedulingSpec {
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
        topologySpreadConstraints = topologySpreadConstraints == null ? List.of() : List.copyOf(topologySpreadConstraints);
    }
}
