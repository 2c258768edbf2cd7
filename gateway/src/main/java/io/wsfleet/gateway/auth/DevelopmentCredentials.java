package io.wsfleet.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

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

    /** Signs an HS256 token for a user with the given secret. */
    public static String sign(String secret, String userId, Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(userId);
        claims.setClaim("user_id", userId);
        claims.setIssuedAtToNow();
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(lifetime.toSeconds());
        claims.setExpirationTime(expiry);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
