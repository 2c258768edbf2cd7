package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;

/** A one-pod Redis with a persistent volume and a password generated once. */
public record ManagedRedisSpec(
        @JsonPropertyDescription("Redis image (7 or newer); empty: the operator's default Redis image.") String image,
        @JsonPropertyDescription("Container resources; default requests 256Mi/250m, limit 1Gi memory.") ResourceRequirements resources,
        @Default("1Gi") @JsonPropertyDescription("Size of the data volume.") String storage,
        @JsonPropertyDescription("StorageClass of the data volume; empty: the cluster's default.") String storageClassName) {

    public ManagedRedisSpec {
        image = image == null ? "" : image.trim();
        resources = resources == null ? defaultResources() : resources;
        storage = storage == null ? "1Gi" : storage;
    }

    private static ResourceRequirements defaultResources() {
        return new ResourceRequirementsBuilder()
                .addToRequests("memory", new Quantity("256Mi")).addToRequests("cpu", new Quantity("250m"))
                .addToLimits("memory", new Quantity("1Gi"))
                .build();
    }
}
