package io.wsfleet.operator.api.v1alpha1;

/** Where TLS ends. */
public enum TlsMode {
    /** No TLS: clients use ws://. */
    None,
    /** The gateways serve wss:// with a kubernetes.io/tls Secret. */
    Pod,
    /** The load balancer terminates TLS with an ACM certificate. */
    LoadBalancer
}
