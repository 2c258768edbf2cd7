package io.wsfleet.operator.api.v1alpha1;

/** Kubernetes Service types the gateways can be exposed with. */
public enum ServiceType {
    LoadBalancer, NodePort, ClusterIP
}
