package io.wsfleet.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

import io.smallrye.jwt.KeyFormat;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;
import io.wsfleet.gateway.config.ConfigException;
import io.wsfleet.gateway.config.GatewayConfig;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Verifies JWTs with smallrye-jwt against a shared secret, a PEM public key or a JSON Web Key Set:
 * one configured algorithm (so {@code alg: none} and algorithm confusion are refused), {@code exp} and
 * {@code iat} required (smallrye checks iat before exp), {@code iss}/{@code aud} checked when configured.
 * The user id comes from the {@code user_id} claim, else {@code sub}.
 */
public final class TokenVerifier {
    /** The parser of a fixed key; null with a key set, whose parser changes with each set fetched. */
    private final DefaultJWTParser parser;
    private final Optional<JwksKeySet> keySet;

    private TokenVerifier(JWTAuthContextInfo context) {
        this.parser = new DefaultJWTParser(context);
        this.keySet = Optional.empty();
    }

    private TokenVerifier(JwksKeySet keySet) {
        this.parser = null;
        this.keySet = Optional.of(keySet);
    }

    public static TokenVerifier create(GatewayConfig.Auth auth, String developmentSecret) {
        if (auth.jwks().isPresent()) {
            return new TokenVerifier(new JwksKeySet(auth.jwks().get(), content -> {
                JWTAuthContextInfo context = context(auth);
                context.setPublicKeyContent(content);
                context.setKeyFormat(KeyFormat.JWK);
                return new DefaultJWTParser(context);
            }));
        }
        JWTAuthContextInfo context = context(auth);
        if (auth.publicKeyPath().isPresent()) {
            context.setPublicVerificationKey(publicKey(auth));
        } else {
            String secret = auth.jwtSecret().orElse(developmentSecret);
            context.setSecretVerificationKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        }
        return new TokenVerifier(context);
    }

    /** The checks every key source shares; the key is set by the caller. */
    private static JWTAuthContextInfo context(GatewayConfig.Auth auth) {
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.valueOf(auth.algorithm().name())));
        auth.issuer().ifPresent(context::setIssuedBy);
        auth.audience().ifPresent(audience -> context.setExpectedAudience(Set.of(audience)));
        context.setRequiredClaims(Set.of("exp"));
        context.setClockSkew((int) auth.clockSkew().toSeconds());
        // The subject may be in user_id rather than sub/upn; resolved in userId() below.
        context.setRequireNamedPrincipal(false);
        return context;
    }

    /** The key set, when tokens are verified with one: to start its refreshes and report its state. */
    public Optional<JwksKeySet> keySet() {
        return keySet;
    }

    public Principal verify(String token) throws AuthFailure {
        DefaultJWTParser current = keySet.isPresent() ? keySet.get().parserFor(token) : parser;
        if (current == null) {
            throw new AuthFailure(AuthFailure.Reason.INVALID_TOKEN, "the identity provider's key set could not be fetched yet");
        }
        JsonWebToken jwt;
        try {
            jwt = current.parse(token);
        } catch (ParseException e) {
            throw classify(e);
        } catch (RuntimeException e) {
            // Garbage input can surface as unchecked parser errors; it is still just a bad token.
            throw new AuthFailure(AuthFailure.Reason.INVALID_TOKEN, "token is malformed");
        }
        return new Principal(userId(jwt), rooms(jwt));
    }

    private static String userId(JsonWebToken jwt) throws AuthFailure {
        Object userId = jwt.getClaim("user_id");
        String id = userId != null ? stringValue(userId) : jwt.getSubject();
        if (id == null || id.isBlank()) {
            throw new AuthFailure(AuthFailure.Reason.INVALID_TOKEN, "token has neither user_id nor sub");
        }
        return id;
    }

    private static Set<String> rooms(JsonWebToken jwt) throws AuthFailure {
        Object claim = jwt.getClaim("rooms");
        if (claim == null) {
            return Set.of();
        }
        if (!(claim instanceof Collection<?> values)) {
            throw new AuthFailure(AuthFailure.Reason.INVALID_TOKEN, "claim rooms must be an array of room ids");
        }
        Set<String> rooms = new LinkedHashSet<>();
        for (Object value : values) {
            rooms.add(stringValue(value));
        }
        return rooms;
    }

    /** Claims arrive as JSON-P values; strings print with quotes, so unwrap them. */
    private static String stringValue(Object claim) {
        if (claim instanceof jakarta.json.JsonString json) {
            return json.getString();
        }
        return String.valueOf(claim);
    }

    private static AuthFailure classify(ParseException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidJwtException invalid && invalid.hasExpired()) {
                return new AuthFailure(AuthFailure.Reason.EXPIRED_TOKEN, "token has expired");
            }
        }
        return new AuthFailure(AuthFailure.Reason.INVALID_TOKEN, "token is malformed, wrongly signed or not valid");
    }

    private static PublicKey publicKey(GatewayConfig.Auth auth) {
        var path = auth.publicKeyPath().orElseThrow();
        try {
            String pem = Files.readString(path);
            return KeyUtils.decodePublicKey(pem, SignatureAlgorithm.valueOf(auth.algorithm().name()));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new ConfigException("auth.public-key-path",
                    "'" + path + "' is not a PEM " + auth.algorithm() + " public key: " + e.getMessage());
        }
    }
}
