package io.wsfleet.operator.dependent;

/** Informer selector of the gateway dependents: the operator caches its own gateway objects, nothing else. */
final class GatewayLabels {
    static final String SELECTOR = "app.kubernetes.io/managed-by=wsfleet-operator,app.kubernetes.io/component=gateway";
    /** The two gateway Services, told apart by the admin Service's port label (AdminModel), each in an informer of its own. */
    static final String CLIENT_SERVICE = SELECTOR + ",!wsfleet.io/port";
    static final String ADMIN_SERVICE = SELECTOR + ",wsfleet.io/port=admin";

    private GatewayLabels() {
    }
}
