package io.wsfleet.operator.model;

import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;

/** The default placement of a component's pods: spread one by one over a topology, where the scheduler can. */
final class Spread {

    static final String ZONES = "topology.kubernetes.io/zone";
    static final String NODES = "kubernetes.io/hostname";

    private Spread() {
    }

    static TopologySpreadConstraint over(String topologyKey, ClusterNames names, String component) {
        return new TopologySpreadConstraintBuilder()
                .withMaxSkew(1).withTopologyKey(topologyKey).withWhenUnsatisfiable("ScheduleAnyway")
                .withNewLabelSelector().withMatchLabels(names.selector(component)).endLabelSelector()
                .build();
    }
}
