package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** Exactly one of: a Redis the operator runs, or one that exists already. Neither: managed with defaults. */
@ValidationRule(value = "!(has(self.managed) && has(self.external))", message = "set either managed or external, not both")
public record RedisSpec(
        @JsonPropertyDescription("A Redis run by the operator: one pod, or replicas watched by Sentinels (StatefulSet, a volume per pod,"
                + " generated password).") ManagedRedisSpec managed,
        @JsonPropertyDescription("An existing Redis or Redis Cluster.") ExternalRedisSpec external) {

    public RedisSpec {
        managed = managed == null && external == null ? new ManagedRedisSpec(null, null, null, null, null) : managed;
    }

    public boolean managedByOperator() {
        return external == null;
    }
}
