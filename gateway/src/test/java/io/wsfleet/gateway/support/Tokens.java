package io.wsfleet.gateway.support;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Duration;
import java.util.List;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/** Mints tokens for tests, good and bad. */
public final class Tokens {
    public static final String SECRET = "integration-test-secret-0123456789abcdef";

    private Tokens() {
    }

    public static String forUser(String userId) {
        return hs256(claims(userId, Duration.ofHours(1)), SECRET);
    }

    public static String forUser(String userId, List<String> rooms) {
        JwtClaims claims = claims(userId, Duration.ofHours(1));
        claims.setStringListClaim("rooms", rooms);
        return hs256(claims, SECRET);
    }

    public static String expired(String userId) {
        return hs256(claims(userId, Duration.ofMinutes(-10)), SECRET);
    }

    public static String wrongSecret(String userId) {
        return hs256(claims(userId, Duration.ofHours(1)), "another-secret-that-is-long-enough-0123456789");
    }

    /** An unsigned token ({@code alg: none}) that names the user. */
    public static String unsigned(String userId) {
        var encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = encoder.encodeToString(claims(userId, Duration.ofHours(1)).toJson().getBytes(StandardCharsets.UTF_8));
        return header + "." + body + ".";
    }

    public static JwtClaims claims(String userId, Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("user_id", userId);
        claims.setIssuedAtToNow();
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(lifetime.toSeconds());
        claims.setExpirationTime(expiry);
        return claims;
    }

    public static String hs256(JwtClaims claims, String secret) {
        return sign(claims, AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** RS256 with the key's {@code kid} in the header, as identity providers that publish a JWKS sign. */
    public static String rs256(String userId, RsaJsonWebKey key) {
        return sign(claims(userId, Duration.ofHours(1)), AlgorithmIdentifiers.RSA_USING_SHA256, key.getRsaPrivateKey(),
                key.getKeyId());
    }

    public static String sign(JwtClaims claims, String algorithm, Key key) {
        return sign(claims, algorithm, key, null);
    }

    private static String sign(JwtClaims claims, String algorithm, Key key, String keyId) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setKey(key);
        if (keyId != null) {
            jws.setKeyIdHeaderValue(keyId);
        }
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
