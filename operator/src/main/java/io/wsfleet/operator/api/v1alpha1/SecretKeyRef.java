package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** One key of a Secret in the cluster's namespace. */
public record SecretKeyRef(
        @Required @JsonPropertyDescription("Secret name.") String name,
        @Required @JsonPropertyDescription("Key within the Secret.") String key) {
}
