package io.wsfleet.operator.dependent;

/** Informer selector of the Redis dependents: the operator caches its own Redis objects, nothing else. */
final class RedisLabels {
    static final String SELECTOR = "app.kubernetes.io/managed-by=wsfleet-operator,app.kubernetes.io/component=redis";

    private RedisLabels() {
    }
}
