package io.wsfleet.gateway.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import io.smallrye.jwt.build.Jwt;

/**
 * What the gateway runs with when no key is configured: a random HS256 secret, a publish API key and a
 * sample token, printed at start-up and clearly marked as development-only.
 */
public record DevelopmentCredentials(String secret, String apiKey, String sampleUserId, String sampleToken) {

    public static DevelopmentCredentials generate() {
        String secret = randomKey();
        String user = "dev-user";
        return new DevelopmentCredentials(secret, randomKey(), user, sign(secret, user, Duration.ofHours(24)));
    }

    /** Signs an HS256 token for a user with the development secret. */
    public static String sign(String secret, String userId, Duration lifetime) {
        return Jwt.claim("user_id", userId)
                .subject(userId)
                .expiresIn(lifetime)
                .signWithSecret(secret);
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
