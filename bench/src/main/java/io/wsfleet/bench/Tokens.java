package io.wsfleet.bench;

import java.nio.charset.StandardCharsets;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/** HS256 tokens for the generated users, signed with the secret the servers are started with. */
public final class Tokens {
    /** The secret of a benchmark run: only loopback servers started for the run ever see it. */
    public static final String SECRET = "wsfleet-bench-secret-0123456789abcdef";

    private Tokens() {
    }

    public static String forUser(String userId) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(userId);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(240);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(SECRET.getBytes(StandardCharsets.UTF_8)));
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
