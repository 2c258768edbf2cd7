package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** How tokens are verified: an HS256 shared secret, or an RS256/ES256 public key. */
@ValidationRule(value = "has(self.jwtSecret) != has(self.publicKey)", message = "set exactly one of jwtSecret and publicKey")
public record AuthSpec(
        @JsonPropertyDescription("Secret key holding the HS256 shared secret (32+ characters; JWT_SECRET_KEY).") SecretKeyRef jwtSecret,
        @JsonPropertyDescription("A PEM public key for RS256 or ES256 tokens.") PublicKeySpec publicKey,
        @JsonPropertyDescription("When set, tokens must carry this iss.") String issuer,
        @JsonPropertyDescription("When set, the token's aud must contain this value.") String audience) {

    public AuthSpec {
        issuer = issuer == null ? "" : issuer;
        audience = audience == null ? "" : audience;
    }
}
