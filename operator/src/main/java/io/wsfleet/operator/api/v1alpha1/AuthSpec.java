package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** How tokens are verified: an HS256 shared secret, an RS256/ES256 public key, or an identity provider's JWKS. */
@ValidationRule(value = "(has(self.jwtSecret) ? 1 : 0) + (has(self.publicKey) ? 1 : 0) + (has(self.jwksUri) ? 1 : 0) == 1",
        message = "set exactly one of jwtSecret, publicKey and jwksUri")
@ValidationRule(value = "!has(self.jwksAlgorithm) || has(self.jwksUri)", message = "jwksAlgorithm goes with jwksUri",
        fieldPath = ".jwksAlgorithm")
public record AuthSpec(
        @JsonPropertyDescription("Secret key holding the HS256 shared secret (32+ characters), mounted into the gateways as a"
                + " file (JWT_SECRET_FILE); a new value there applies without a restart, see keyOverlapSeconds.")
        SecretKeyRef jwtSecret,
        @JsonPropertyDescription("A PEM public key for RS256 or ES256 tokens, mounted as a file; a new key there applies without"
                + " a restart.")
        PublicKeySpec publicKey,
        @Pattern(JWKS_URI_RULE)
        @JsonPropertyDescription("https:// (or in-cluster http://) URL of the identity provider's JSON Web Key Set"
                + " (JWT_JWKS_URI); the token's kid picks the key, keys rotate without a restart.")
        String jwksUri,
        @JsonPropertyDescription("RS256 (when not set) or ES256: the algorithm of the jwksUri keys.") KeyAlgorithm jwksAlgorithm,
        @JsonPropertyDescription("When set, tokens must carry this iss.") String issuer,
        @JsonPropertyDescription("When set, the token's aud must contain this value.") String audience,
        @Min(0) @Default("3600")
        @JsonPropertyDescription("Seconds the key before a rotation still verifies tokens, once the gateways read a new key from the"
                + " jwtSecret or publicKey Secret (they do without a restart): at least the lifetime of the tokens your issuer"
                + " signs, so that clients holding tokens of the old key reconnect. Changing it rolls the pods.")
        Integer keyOverlapSeconds) {

    /** As the gateway's auth.jwks-uri check: http or https, then a host. */
    public static final String JWKS_URI_RULE = "^https?://[^/\\s?#]+([/?#]\\S*)?$";
    public static final int DEFAULT_KEY_OVERLAP_SECONDS = 3600;
    /**
     * The gateway's variables for the key and its overlap, which the operator sets from this spec: set in
     * spec.gateway.env, a second key source would stop the gateways at start, and another overlap would
     * silently replace the spec's.
     */
    public static final List<String> SPEC_VARIABLES = List.of("JWT_SECRET_KEY", "JWT_SECRET_FILE", "JWT_PUBLIC_KEY_PATH",
            "JWT_JWKS_URI", "JWT_KEY_OVERLAP_SECONDS");

    public AuthSpec {
        issuer = issuer == null ? "" : issuer;
        audience = audience == null ? "" : audience;
        keyOverlapSeconds = keyOverlapSeconds == null ? DEFAULT_KEY_OVERLAP_SECONDS : keyOverlapSeconds;
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
