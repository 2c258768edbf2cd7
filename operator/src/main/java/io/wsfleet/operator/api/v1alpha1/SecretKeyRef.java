package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One key of a Secret in the cluster's namespace. */
public record SecretKeyRef(
        @Required @JsonPropertyDescription("Secret name.") String name,
        @Required @Pattern(KEY_RULE) @JsonPropertyDescription("Key within the Secret.") String key) {

    /** As Kubernetes checks a Secret's keys (letters, digits, - _ .; not . or .., nor starting with ..): each can be a file name. */
    public static final String KEY_RULE = "^\\.?[-_a-zA-Z0-9][-._a-zA-Z0-9]*$";
}
