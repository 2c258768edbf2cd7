package io.wsfleet.gateway.auth;

import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import javax.crypto.SecretKey;

import io.smallrye.jwt.KeyFormat;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.wsfleet.gateway.config.GatewayConfig;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Verifies JWTs with smallrye-jwt against a shared secret, a PEM public key or a JSON Web Key Set:
 * one configured algorithm (so {@code alg: none} and algorithm confusion are refused), {@code exp} and
 * {@code iat} required (smallrye checks iat before exp), {@code iss}/{@code aud} checked when configured.
 * Secrets or public keys read from a file follow the file ({@link KeyFileWatcher}): a token verifies with
 * any key the file holds and, during the overlap after a rotation, with the keys it dropped. The user id
 * comes from the {@code user_id} claim, else {@code sub}.
 */
public final class TokenVerifier {
    /** The parsers of the fixed or file keys; null with a key set, whose parser changes with each set fetched. */
    private final RotatingKeys<DefaultJWTParser> keys;
    private final Optional<KeyFileWatcher> keyFile;
    private final Optional<JwksKeySet> keySet;

    private TokenVerifier(RotatingKeys<DefaultJWTParser> keys, Optional<KeyFileWatcher> keyFile) {
        this.keys = keys;
        this.keyFile = keyFile;
        this.keySet = Optional.empty();
    }

    private TokenVerifier(JwksKeySet keySet) {
        this.keys = null;
        this.keyFile = Optional.empty();
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
        Optional<KeyFile> file = KeyFile.of(auth);
        if (file.isEmpty()) {
            Key key = KeyFile.hmacKey(auth.jwtSecret().orElse(developmentSecret));
            return new TokenVerifier(new RotatingKeys<>(List.of(parser(auth, key)), Duration.ZERO, Clock.systemUTC()), Optional.empty());
        }
        KeyFileWatcher watcher = KeyFileWatcher.read(file.get(), key -> parser(auth, key), auth.keyFiles().overlap(),
                auth.keyFiles().reloadInterval());
        return new TokenVerifier(watcher.keys(), Optional.of(watcher));
    }

    private static DefaultJWTParser parser(GatewayConfig.Auth auth, Key key) {
        JWTAuthContextInfo context = context(auth);
        if (key instanceof SecretKey secret) {
            context.setSecretVerificationKey(secret);
        } else {
            context.setPublicVerificationKey((PublicKey) key);
        }
        return new DefaultJWTParser(context);
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

    /** The key file, when the key is read from one: to start following it and report its rotations. */
    public Optional<KeyFileWatcher> keyFile() {
        return keyFile;
    }

    public Principal verify(String token) throws AuthFailure {
        List<DefaultJWTParser> parsers = keySet.isPresent()
                ? Stream.ofNullable(keySet.get().parserFor(token)).toList() : keys.live();
        if (parsers.isEmpty()) {
            throw new AuthFailure(AuthFailure.Reason.INVALID_TOKEN, "the identity provider's key set could not be fetched yet");
        }
        AuthFailure failure = null;
        for (DefaultJWTParser parser : parsers) {
            try {
                JsonWebToken jwt = parser.parse(token);
                return new Principal(userId(jwt), rooms(jwt));
            } catch (ParseException e) {
                failure = classify(e);
            } catch (RuntimeException e) {
                // Garbage input can surface as unchecked parser errors; it is still just a bad token.
                failure = new AuthFailure(AuthFailure.Reason.INVALID_TOKEN, "token is malformed");
            }
            if (failure.reason() == AuthFailure.Reason.EXPIRED_TOKEN) {
                // The signature checked out with this key (jose4j checks it before the claims): no other key will do better.
                break;
            }
        }
        throw failure;
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
}
