package io.wsfleet.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsfleet.gateway.config.GatewayConfig;
import io.wsfleet.gateway.support.FuzzInvariant;

/**
 * Malformed JWTs into the HS256 verifier: it accepts a token or refuses it with {@link AuthFailure},
 * never anything else, and never accepts one the key did not sign. The first byte of an input says how
 * the rest becomes a token: {@code r} as it is; {@code s} a header line and a claims line, base64url
 * encoded and signed with the gateway's key, so that claim handling is reached; {@code w} the same
 * signed with another key; {@code n} the same with an empty signature.
 */
class TokenVerifierFuzzTest {
    private static final String SECRET = "fuzz-test-secret-0123456789-abcdefghijkl";
    private static final String OTHER_SECRET = "another-secret-0123456789-abcdefghijklm";
    private static final TokenVerifier VERIFIER = TokenVerifier.create(new GatewayConfig.Auth(Optional.of(SECRET),
            Optional.empty(), Optional.empty(), Optional.empty(), GatewayConfig.JwtAlgorithm.HS256, Optional.of("https://issuer"),
            Optional.empty(), Duration.ofSeconds(30), new GatewayConfig.KeyFiles(Duration.ofSeconds(5), Duration.ZERO)), SECRET);

    @DictionaryEntries({"{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "\"exp\":4102444800", "\"iat\":1700000000",
            "\"sub\":", "\"user_id\":", "\"rooms\":", "\"iss\":\"https://issuer\"", "\"aud\":", "\"alg\":\"none\"",
            "\"kid\":", "\"crit\":", "\"zip\":\"DEF\"", "\"enc\":", "\"nbf\":"})
    @FuzzTest
    void aTokenIsAcceptedOrRefusedWithAuthFailureOnly(byte[] input) {
        char shape = input.length == 0 ? 'r' : (char) input[0];
        String rest = input.length == 0 ? "" : new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        String token = switch (shape) {
            case 's' -> signed(rest, SECRET);
            case 'w' -> signed(rest, OTHER_SECRET);
            case 'n' -> unsigned(rest);
            default -> rest;
        };
        AtomicReference<Principal> principal = new AtomicReference<>();
        FuzzInvariant.check(input.length, () -> principal.set(VERIFIER.verify(token)), AuthFailure.class);
        if (principal.get() != null) {
            assertThat(shape).as("accepted a token the key did not sign").isIn('s', 'r');
            assertThat(principal.get().userId()).isNotBlank();
            assertThat(principal.get().rooms()).doesNotContainNull();
        }
    }

    private static String unsigned(String headerAndClaims) {
        return encoded(headerAndClaims) + ".";
    }

    private static String signed(String headerAndClaims, String secret) {
        String signingInput = encoded(headerAndClaims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code header\nclaims} as the first two parts of a compact JWS. */
    private static String encoded(String headerAndClaims) {
        int newline = headerAndClaims.indexOf('\n');
        String header = newline < 0 ? headerAndClaims : headerAndClaims.substring(0, newline);
        String claims = newline < 0 ? "" : headerAndClaims.substring(newline + 1);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    }
}
