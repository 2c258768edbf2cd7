package io.wsfleet.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import io.wsfleet.gateway.config.GatewayConfig.Auth;
import io.wsfleet.gateway.config.GatewayConfig.JwtAlgorithm;
import io.wsfleet.gateway.config.GatewayConfig.KeyFiles;
import io.wsfleet.gateway.config.ConfigException;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenVerifierTest {
    private static final String SECRET = "unit-test-secret-0123456789-abcdefghij";
    private static final String OTHER_SECRET = "another-secret-0123456789-abcdefghijkl";
    private static final String DEV_SECRET = "development-secret-0123456789-abcdefgh";
    private static final Duration SKEW = Duration.ofSeconds(30);
    /** Read every 5 s (the tests call check() instead), no overlap. */
    private static final KeyFiles KEY_FILES = new KeyFiles(Duration.ofSeconds(5), Duration.ZERO);

    @TempDir
    Path keys;

    // ---- HS256

    @Test
    void hs256TokenYieldsTheUserIdClaim() throws Exception {
        JwtClaims claims = validClaims();
        claims.setClaim("user_id", "alice");
        claims.setSubject("subject-is-ignored");

        Principal principal = hs256Verifier(SECRET).verify(hs256(claims, SECRET));

        assertThat(principal.userId()).isEqualTo("alice");
        assertThat(principal.rooms()).isEmpty();
    }

    @Test
    void hs256TokenWithoutUserIdYieldsTheSubject() throws Exception {
        JwtClaims claims = validClaims();
        claims.setSubject("bob");

        assertThat(hs256Verifier(SECRET).verify(hs256(claims, SECRET)).userId()).isEqualTo("bob");
    }

    @Test
    void developmentSecretIsUsedOnlyWhenNoSecretIsConfigured() throws Exception {
        String devToken = hs256(userClaims("dev-user"), DEV_SECRET);
        TokenVerifier development = TokenVerifier.create(auth(Optional.empty(), Optional.empty(), JwtAlgorithm.HS256), DEV_SECRET);
        TokenVerifier configured = TokenVerifier.create(auth(Optional.of(SECRET), Optional.empty(), JwtAlgorithm.HS256), DEV_SECRET);

        assertThat(development.verify(devToken).userId()).isEqualTo("dev-user");
        assertRejected(configured, devToken, AuthFailure.Reason.INVALID_TOKEN);
    }

    @Test
    void acceptsTheTokenPrintedForDevelopment() throws Exception {
        String token = DevelopmentCredentials.sign(DEV_SECRET, "dev-user", Duration.ofMinutes(5));

        assertThat(hs256Verifier(DEV_SECRET).verify(token).userId()).isEqualTo("dev-user");
    }

    @Test
    void numericUserIdIsUsedInItsTextForm() throws Exception {
        JwtClaims claims = validClaims();
        claims.setClaim("user_id", 42);

        assertThat(hs256Verifier(SECRET).verify(hs256(claims, SECRET)).userId()).isEqualTo("42");
    }

    @Test
    void roomsClaimBecomesThePrincipalsRooms() throws Exception {
        JwtClaims claims = userClaims("alice");
        claims.setStringListClaim("rooms", "staff", "team:1");

        assertThat(hs256Verifier(SECRET).verify(hs256(claims, SECRET)).rooms()).containsExactlyInAnyOrder("staff", "team:1");
    }

    // ---- asymmetric algorithms

    @Test
    void rs256TokenIsVerifiedWithThePemPublicKey() throws Exception {
        KeyPair pair = generate("RSA", null);
        TokenVerifier verifier = TokenVerifier.create(
                auth(Optional.empty(), Optional.of(writePem(pair.getPublic())), JwtAlgorithm.RS256), DEV_SECRET);

        String token = sign(userClaims("alice"), AlgorithmIdentifiers.RSA_USING_SHA256, pair.getPrivate());

        assertThat(verifier.verify(token).userId()).isEqualTo("alice");
    }

    @Test
    void es256TokenIsVerifiedWithThePemPublicKey() throws Exception {
        KeyPair pair = generate("EC", new ECGenParameterSpec("secp256r1"));
        TokenVerifier verifier = TokenVerifier.create(
                auth(Optional.empty(), Optional.of(writePem(pair.getPublic())), JwtAlgorithm.ES256), DEV_SECRET);

        String token = sign(userClaims("carol"), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, pair.getPrivate());

        assertThat(verifier.verify(token).userId()).isEqualTo("carol");
    }

    @Test
    void rs256TokenFromAnotherKeyIsInvalid() throws Exception {
        KeyPair trusted = generate("RSA", null);
        KeyPair attacker = generate("RSA", null);
        TokenVerifier verifier = TokenVerifier.create(
                auth(Optional.empty(), Optional.of(writePem(trusted.getPublic())), JwtAlgorithm.RS256), DEV_SECRET);

        String token = sign(userClaims("alice"), AlgorithmIdentifiers.RSA_USING_SHA256, attacker.getPrivate());

        assertRejected(verifier, token, AuthFailure.Reason.INVALID_TOKEN);
    }

    @Test
    void hs256TokenIsRefusedByAnRs256Verifier() throws Exception {
        KeyPair pair = generate("RSA", null);
        Path pem = writePem(pair.getPublic());
        TokenVerifier verifier = TokenVerifier.create(auth(Optional.empty(), Optional.of(pem), JwtAlgorithm.RS256), DEV_SECRET);

        // Algorithm confusion: HMAC keyed with the public key text the server trusts.
        String token = hs256(userClaims("mallory"), Files.readString(pem));

        assertRejected(verifier, token, AuthFailure.Reason.INVALID_TOKEN);
    }

    // ---- rejected tokens

    @Test
    void expiredTokenIsReportedAsExpired() throws Exception {
        TokenVerifier verifier = TokenVerifier.create(
                new Auth(Optional.of(SECRET), Optional.empty(), Optional.empty(), Optional.empty(), JwtAlgorithm.HS256, Optional.empty(),
                        Optional.empty(), Duration.ZERO, KEY_FILES), DEV_SECRET);
        assertRejected(verifier, hs256(expiredSecondsAgo(120), SECRET), AuthFailure.Reason.EXPIRED_TOKEN);
    }

    @Test
    void tokenExpiredWithinTheClockSkewIsAccepted() throws Exception {
        assertThat(hs256Verifier(SECRET).verify(hs256(expiredSecondsAgo(5), SECRET)).userId()).isEqualTo("alice");
    }

    @Test
    void wronglySignedTokenIsInvalid() throws Exception {
        assertRejected(hs256Verifier(SECRET), hs256(userClaims("alice"), OTHER_SECRET), AuthFailure.Reason.INVALID_TOKEN);
    }

    @Test
    void unsignedAlgNoneTokenIsInvalid() throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String token = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + base64.encodeToString(userClaims("mallory").toJson().getBytes(StandardCharsets.UTF_8))
                + ".";

        assertRejected(hs256Verifier(SECRET), token, AuthFailure.Reason.INVALID_TOKEN);
    }

    @Test
    void tokenWithoutExpiryIsInvalid() throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuedAtToNow();
        claims.setClaim("user_id", "alice");

        assertRejected(hs256Verifier(SECRET), hs256(claims, SECRET), AuthFailure.Reason.INVALID_TOKEN);
    }

    @Test
    void tokenWithoutIssuedAtIsInvalid() throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setClaim("user_id", "alice");

        assertRejected(hs256Verifier(SECRET), hs256(claims, SECRET), AuthFailure.Reason.INVALID_TOKEN);
    }

    @Test
    void tokenNotYetValidIsInvalid() throws Exception {
        JwtClaims claims = userClaims("alice");
        claims.setNotBeforeMinutesInThePast(-2);

        assertRejected(hs256Verifier(SECRET), hs256(claims, SECRET), AuthFailure.Reason.INVALID_TOKEN);
    }

    @Test
    void tokenWithNeitherUserIdNorSubjectIsInvalid() throws Exception {
        assertRejected(hs256Verifier(SECRET), hs256(validClaims(), SECRET), AuthFailure.Reason.INVALID_TOKEN);
    }

    @Test
    void roomsClaimThatIsNotAnArrayIsInvalid() throws Exception {
        JwtClaims claims = userClaims("alice");
        claims.setClaim("rooms", "staff");

        assertRejected(hs256Verifier(SECRET), hs256(claims, SECRET), AuthFailure.Reason.INVALID_TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "a.b.c", "a.b", "....", "eyJhbGciOiJIUzI1NiJ9.e30.", "Bearer x.y.z"})
    void garbageIsInvalid(String token) {
        assertRejected(hs256Verifier(SECRET), token, AuthFailure.Reason.INVALID_TOKEN);
    }

    // ---- issuer and audience

    @ParameterizedTest(name = "iss={0} aud={1} accepted={2}")
    @CsvSource(nullValues = "-", value = {
            "https://id.example, wsfleet, true",
            "https://evil.example, wsfleet, false",
            "-, wsfleet, false",
            "https://id.example, other-app, false",
            "https://id.example, -, false"
    })
    void issuerAndAudienceAreCheckedWhenConfigured(String issuer, String audience, boolean accepted) throws Exception {
        TokenVerifier verifier = TokenVerifier.create(
                new Auth(Optional.of(SECRET), Optional.empty(), Optional.empty(), Optional.empty(), JwtAlgorithm.HS256,
                        Optional.of("https://id.example"), Optional.of("wsfleet"), SKEW, KEY_FILES), DEV_SECRET);
        JwtClaims claims = userClaims("alice");
        if (issuer != null) {
            claims.setIssuer(issuer);
        }
        if (audience != null) {
            claims.setAudience(audience);
        }
        String token = hs256(claims, SECRET);

        if (accepted) {
            assertThat(verifier.verify(token).userId()).isEqualTo("alice");
        } else {
            assertRejected(verifier, token, AuthFailure.Reason.INVALID_TOKEN);
        }
    }

    @Test
    void issuerAndAudienceAreIgnoredWhenNotConfigured() throws Exception {
        JwtClaims claims = userClaims("alice");
        claims.setIssuer("https://anyone.example");
        claims.setAudience("anything");

        assertThat(hs256Verifier(SECRET).verify(hs256(claims, SECRET)).userId()).isEqualTo("alice");
    }

    // ---- key files

    @Test
    void aSecretFileIsReadWithoutItsTrailingNewline() throws Exception {
        Path file = Files.writeString(keys.resolve("jwt-secret"), SECRET + "\n");

        assertThat(TokenVerifier.create(secretFile(file, Duration.ZERO), DEV_SECRET).verify(hs256(userClaims("alice"), SECRET)).userId())
                .isEqualTo("alice");
    }

    @Test
    void aSecretFileWithAShortSecretFailsTheStartNamingTheFileNotTheSecret() throws Exception {
        Path file = Files.writeString(keys.resolve("jwt-secret"), "too-short-a-secret");

        ConfigException failure = catchThrowableOfType(ConfigException.class,
                () -> TokenVerifier.create(secretFile(file, Duration.ZERO), DEV_SECRET));

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("auth.jwt-secret-file").contains(file.toString()).doesNotContain("too-short-a-secret");
    }

    @Test
    void aRotatedSecretFileVerifiesNewTokensAtOnceAndTheOldKeyOnlyWithinTheOverlap() throws Exception {
        Path file = Files.writeString(keys.resolve("jwt-secret"), SECRET);
        TokenVerifier overlapping = TokenVerifier.create(secretFile(file, Duration.ofHours(1)), DEV_SECRET);
        TokenVerifier withoutOverlap = TokenVerifier.create(secretFile(file, Duration.ZERO), DEV_SECRET);

        Files.writeString(file, OTHER_SECRET);
        overlapping.keyFile().orElseThrow().check();
        withoutOverlap.keyFile().orElseThrow().check();

        for (TokenVerifier verifier : java.util.List.of(overlapping, withoutOverlap)) {
            assertThat(verifier.verify(hs256(userClaims("new"), OTHER_SECRET)).userId()).isEqualTo("new");
            assertThat(verifier.keyFile().orElseThrow().rotations()).isEqualTo(1);
        }
        assertThat(overlapping.verify(hs256(userClaims("old"), SECRET)).userId()).isEqualTo("old");
        assertThat(overlapping.keyFile().orElseThrow().liveKeys()).isEqualTo(2);
        assertRejected(withoutOverlap, hs256(userClaims("old"), SECRET), AuthFailure.Reason.INVALID_TOKEN);
        assertRejected(overlapping, hs256(expiredSecondsAgo(600), SECRET), AuthFailure.Reason.EXPIRED_TOKEN);
    }

    @Test
    void aSecretFileOfTwoLinesVerifiesBothKeysAlsoInAGatewayStartedMeanwhile() throws Exception {
        Path file = Files.writeString(keys.resolve("jwt-secret"), SECRET);
        TokenVerifier running = TokenVerifier.create(secretFile(file, Duration.ZERO), DEV_SECRET);

        // The rotation's first step: the new key added beside the old one, which the issuer still signs with.
        Files.writeString(file, OTHER_SECRET + "\n" + SECRET + "\n");
        running.keyFile().orElseThrow().check();
        TokenVerifier startedMeanwhile = TokenVerifier.create(secretFile(file, Duration.ZERO), DEV_SECRET);

        for (TokenVerifier verifier : java.util.List.of(running, startedMeanwhile)) {
            assertThat(verifier.verify(hs256(userClaims("old"), SECRET)).userId()).isEqualTo("old");
            assertThat(verifier.verify(hs256(userClaims("new"), OTHER_SECRET)).userId()).isEqualTo("new");
            assertThat(verifier.keyFile().orElseThrow().liveKeys()).isEqualTo(2);
        }

        // The last step, once no token of the old key is left: the old line removed.
        Files.writeString(file, OTHER_SECRET + "\n");
        running.keyFile().orElseThrow().check();
        assertRejected(running, hs256(userClaims("old"), SECRET), AuthFailure.Reason.INVALID_TOKEN);
        assertThat(running.verify(hs256(userClaims("new"), OTHER_SECRET)).userId()).isEqualTo("new");
        assertThat(running.keyFile().orElseThrow().liveKeys()).isEqualTo(1);
    }

    @Test
    void aSecretFileWithOneShortLineFailsTheStart() throws Exception {
        Path file = Files.writeString(keys.resolve("jwt-secret"), SECRET + "\nshort\n");

        ConfigException failure = catchThrowableOfType(ConfigException.class,
                () -> TokenVerifier.create(secretFile(file, Duration.ZERO), DEV_SECRET));

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("auth.jwt-secret-file").doesNotContain(SECRET);
    }

    @Test
    void anEmptySecretFileFailsTheStart() throws Exception {
        Path file = Files.writeString(keys.resolve("jwt-secret"), "\n");

        assertThat(catchThrowableOfType(ConfigException.class, () -> TokenVerifier.create(secretFile(file, Duration.ZERO), DEV_SECRET)))
                .hasMessageContaining("holds no key");
    }

    @Test
    void aKeyFileThatNoLongerHoldsAKeyKeepsTheKeyInUse() throws Exception {
        Path file = Files.writeString(keys.resolve("jwt-secret"), SECRET);
        TokenVerifier verifier = TokenVerifier.create(secretFile(file, Duration.ZERO), DEV_SECRET);
        KeyFileWatcher watcher = verifier.keyFile().orElseThrow();

        Files.writeString(file, "short");
        watcher.check();
        Files.delete(file);
        watcher.check();

        assertThat(verifier.verify(hs256(userClaims("alice"), SECRET)).userId()).isEqualTo("alice");
        assertThat(watcher.failures()).isEqualTo(2);
        assertThat(watcher.rotations()).isZero();
    }

    @Test
    void aRotatedPublicKeyFileVerifiesTokensOfTheNewKeyPair() throws Exception {
        KeyPair before = generate("RSA", null);
        KeyPair after = generate("RSA", null);
        Path pem = writePem(before.getPublic());
        TokenVerifier verifier = TokenVerifier.create(auth(Optional.empty(), Optional.of(pem), JwtAlgorithm.RS256), DEV_SECRET);

        Files.move(writePem(after.getPublic()), pem, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        verifier.keyFile().orElseThrow().check();

        assertThat(verifier.verify(sign(userClaims("carol"), AlgorithmIdentifiers.RSA_USING_SHA256, after.getPrivate())).userId())
                .isEqualTo("carol");
        assertRejected(verifier, sign(userClaims("carol"), AlgorithmIdentifiers.RSA_USING_SHA256, before.getPrivate()),
                AuthFailure.Reason.INVALID_TOKEN);
    }

    @Test
    void aPublicKeyFileOfTwoBlocksVerifiesTokensOfBothKeyPairs() throws Exception {
        KeyPair first = generate("RSA", null);
        KeyPair second = generate("RSA", null);
        Path pem = writePem(first.getPublic());
        Files.writeString(pem, Files.readString(writePem(second.getPublic())), java.nio.file.StandardOpenOption.APPEND);

        TokenVerifier verifier = TokenVerifier.create(auth(Optional.empty(), Optional.of(pem), JwtAlgorithm.RS256), DEV_SECRET);

        for (KeyPair pair : java.util.List.of(first, second)) {
            assertThat(verifier.verify(sign(userClaims("carol"), AlgorithmIdentifiers.RSA_USING_SHA256, pair.getPrivate())).userId())
                    .isEqualTo("carol");
        }
        assertThat(verifier.keyFile().orElseThrow().liveKeys()).isEqualTo(2);
    }

    // ---- helpers

    private static void assertRejected(TokenVerifier verifier, String token, AuthFailure.Reason reason) {
        AuthFailure failure = catchThrowableOfType(AuthFailure.class, () -> verifier.verify(token));

        assertThat(failure).as("token must be rejected").isNotNull();
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.getMessage()).isNotBlank();
        if (!token.isBlank()) {
            assertThat(failure.getMessage()).doesNotContain(token);
        }
        for (String part : token.split("\\.")) {
            if (part.length() > 8) {
                assertThat(failure.getMessage()).doesNotContain(part);
            }
        }
    }

    private static TokenVerifier hs256Verifier(String secret) {
        return TokenVerifier.create(auth(Optional.of(secret), Optional.empty(), JwtAlgorithm.HS256), DEV_SECRET);
    }

    private static Auth auth(Optional<String> secret, Optional<Path> publicKey, JwtAlgorithm algorithm) {
        return new Auth(secret, Optional.empty(), publicKey, Optional.empty(), algorithm, Optional.empty(), Optional.empty(), SKEW,
                KEY_FILES);
    }

    private static Auth secretFile(Path file, Duration overlap) {
        return new Auth(Optional.empty(), Optional.of(file), Optional.empty(), Optional.empty(), JwtAlgorithm.HS256, Optional.empty(),
                Optional.empty(), SKEW, new KeyFiles(Duration.ofSeconds(5), overlap));
    }

    private static JwtClaims validClaims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        return claims;
    }

    private static JwtClaims userClaims(String userId) {
        JwtClaims claims = validClaims();
        claims.setClaim("user_id", userId);
        return claims;
    }

    private static JwtClaims expiredSecondsAgo(long seconds) {
        long now = NumericDate.now().getValue();
        JwtClaims claims = userClaims("alice");
        claims.setIssuedAt(NumericDate.fromSeconds(now - 600));
        claims.setExpirationTime(NumericDate.fromSeconds(now - seconds));
        return claims;
    }

    private static String hs256(JwtClaims claims, String secret) throws Exception {
        return sign(claims, AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
    }

    private static String sign(JwtClaims claims, String algorithm, Key key) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setKey(key);
        return jws.getCompactSerialization();
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (curve != null) {
            generator.initialize(curve);
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    private Path writePem(PublicKey key) throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        return Files.writeString(Files.createTempFile(keys, "public", ".pem"), pem);
    }
}
