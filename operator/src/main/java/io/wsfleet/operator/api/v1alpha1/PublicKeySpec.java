package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A PEM public key in a Secret, mounted into the gateways as a file. */
public record PublicKeySpec(
        @Required @JsonPropertyDescription("Secret key holding the PEM public key.") SecretKeyRef secret,
        @Required @JsonPropertyDescription("RS256 or ES256.") KeyAlgorithm algorithm) {
}
