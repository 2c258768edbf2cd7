package io.wsfleet.operator.api.v1alpha1;

/** Service externalTrafficPolicy. */
public enum TrafficPolicy {
    Cluster, Local
}
