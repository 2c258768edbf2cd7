package io.wsfleet.operator.dependent;

/** Informer selector of the gateway dependents: the operator caches its own gateway objects, nothing else. */
final class GatewayLabels {
    static final String SELECTOR = "app.kubernetes.io/managed-by=wsfleet-operator,app.kubernetes.io/component=gateway";

    private GatewayLabels() {
    }
}
