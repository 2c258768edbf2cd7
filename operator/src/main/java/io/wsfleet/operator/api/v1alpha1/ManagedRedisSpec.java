package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;

/**
 * A Redis with a persistent volume per pod and a password generated once: one pod, or an odd number of
 * pods where Sentinels (one beside each server) keep a master and promote a replica when it fails.
 */
@ValidationRule(value = "!has(self.replicas) || self.replicas == 1 || self.replicas % 2 == 1", message = ManagedRedisSpec.REPLICAS_RULE)
public record ManagedRedisSpec(
        @JsonPropertyDescription("Redis image (7 or newer); empty: the operator's default Redis image.") String image,
        @JsonPropertyDescription("Container resources of each Redis server; default requests 256Mi/250m, limit 1Gi memory.") ResourceRequirements resources,
        @Default("1Gi") @JsonPropertyDescription("Size of each pod's data volume. A change applies to volumes created after it;"
                + " existing volumes keep their size (docs/operator.md).") String storage,
        @JsonPropertyDescription("StorageClass of the data volumes; empty: the cluster's default.") String storageClassName,
        @Min(1) @Max(MAX_REPLICAS) @Default("1")
        @JsonPropertyDescription("Redis pods. 1: a single server (a node drain waits for an administrator). 3, 5 or 7: a master and"
                + " replicas watched by a Sentinel in each pod, which promote a replica when the master fails or is drained;"
                + " the gateways follow the new master. Changing it rolls the gateways.")
        Integer replicas) {

    public static final int MAX_REPLICAS = 7;
    public static final String REPLICAS_RULE = "replicas must be 1, or an odd number (3, 5 or 7) for Sentinel mode";

    public ManagedRedisSpec {
        image = image == null ? "" : image.trim();
        resources = resources == null ? defaultResources() : resources;
        storage = storage == null ? "1Gi" : storage;
        replicas = replicas == null ? 1 : replicas;
    }

    /** Whether Sentinels run beside the servers: more than one pod. */
    public boolean sentinel() {
        return replicas > 1;
    }

    private static ResourceRequirements defaultResources() {
        return new ResourceRequirementsBuilder()
                .addToRequests("memory", new Quantity("256Mi")).addToRequests("cpu", new Quantity("250m"))
                .addToLimits("memory", new Quantity("1Gi"))
                .build();
    }
}
