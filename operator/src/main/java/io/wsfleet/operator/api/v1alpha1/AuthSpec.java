package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** How tokens are verified: an HS256 shared secret, an RS256/ES256 public key, or an identity provider's JWKS. */
@ValidationRule(value = "(has(self.jwtSecret) ? 1 : 0) + (has(self.publicKey) ? 1 : 0) + (has(self.jwksUri) ? 1 : 0) == 1",
        message = "set exactly one of jwtSecret, publicKey and jwksUri")
@ValidationRule(value = "!has(self.jwksAlgorithm) || has(self.jwksUri)", message = "jwksAlgorithm goes with jwksUri",
        fieldPath = ".jwksAlgorithm")
public record AuthSpec(
        @JsonPropertyDescription("Secret key holding the HS256 shared secret (32+ characters; JWT_SECRET_KEY).") SecretKeyRef jwtSecret,
        @JsonPropertyDescription("A PEM public key for RS256 or ES256 tokens.") PublicKeySpec publicKey,
        @Pattern(JWKS_URI_RULE)
        @JsonPropertyDescription("https:// (or in-cluster http://) URL of the identity provider's JSON Web Key Set"
                + " (JWT_JWKS_URI); the token's kid picks the key, keys rotate without a restart.")
        String jwksUri,
        @JsonPropertyDescription("RS256 (when not set) or ES256: the algorithm of the jwksUri keys.") KeyAlgorithm jwksAlgorithm,
        @JsonPropertyDescription("When set, tokens must carry this iss.") String issuer,
        @JsonPropertyDescription("When set, the token's aud must contain this value.") String audience) {

    /** As the gateway's auth.jwks-uri check: http or https, then a host. */
    public static final String JWKS_URI_RULE = "^https?://[^/\\s?#]+([/?#]\\S*)?$";

    public AuthSpec {
        issuer = issuer == null ? "" : issuer;
        audience = audience == null ? "" : audience;
    }

    /** The one algorithm the gateways accept. */
    public String algorithm() {
        if (publicKey != null) {
            return publicKey.algorithm().name();
        }
        if (jwksUri != null) {
            return (jwksAlgorithm == null ? KeyAlgorithm.RS256 : jwksAlgorithm).name();
        }
        return "HS256";
    }
}
