package io.wsfleet.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import io.wsfleet.gateway.config.GatewayConfig;
import io.wsfleet.gateway.config.GatewayConfig.Auth;
import io.wsfleet.gateway.config.GatewayConfig.Jwks;
import io.wsfleet.gateway.config.GatewayConfig.JwtAlgorithm;
import io.wsfleet.gateway.support.JwksServer;
import io.wsfleet.gateway.support.Tokens;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link TokenVerifier} against a JSON Web Key Set served over HTTP on a loopback port. */
class JwksVerificationIT {
    private static final Duration REFRESH = Duration.ofMinutes(1);

    @RegisterExtension
    final JwksServer keys = JwksServer.start();

    @Test
    void aTokenSignedByAPublishedKeyIsAccepted() throws Exception {
        RsaJsonWebKey key = keys.publish("key-1");

        Principal principal = verifier(keys.uri()).verify(Tokens.rs256("alice", key));

        assertThat(principal.userId()).isEqualTo("alice");
    }

    @Test
    void aTokenFromAnotherKeyUnderAPublishedKidIsInvalid() {
        keys.publish("key-1");
        RsaJsonWebKey forged = JwksServer.newKey("key-1");

        assertInvalid(verifier(keys.uri()), Tokens.rs256("mallory", forged));
    }

    @Test
    void aTokenNamingAKeyTheSetLacksIsInvalid() {
        keys.publish("key-1");

        assertInvalid(verifier(keys.uri()), Tokens.rs256("mallory", JwksServer.newKey("key-unknown")));
    }

    @Test
    void aTokenWithoutKidIsAcceptedOnlyWhileTheSetHoldsASingleKey() throws Exception {
        RsaJsonWebKey only = keys.publish("key-1");
        String withoutKid = Tokens.sign(Tokens.claims("alice", Duration.ofMinutes(5)),
                AlgorithmIdentifiers.RSA_USING_SHA256, only.getRsaPrivateKey());
        assertThat(verifier(keys.uri()).verify(withoutKid).userId()).isEqualTo("alice");

        keys.publish("key-2");

        assertInvalid(verifier(keys.uri()), withoutKid);
    }

    @Test
    void aKeyPublishedLaterIsUsedAsSoonAsATokenNamesIt() throws Exception {
        TokenVerifier verifier = verifier(keys.uri());
        assertThat(verifier.verify(Tokens.rs256("alice", keys.publish("key-1"))).userId()).isEqualTo("alice");

        RsaJsonWebKey rotated = keys.publish("key-2");
        JwksServer.waitOutTheRefetchReprieve();

        assertThat(verifier.verify(Tokens.rs256("bob", rotated)).userId()).isEqualTo("bob");
        assertThat(keys.fetches()).as("the first fetch and one for the new kid").isEqualTo(2);
    }

    @Test
    void madeUpKeyIdsFetchTheSetAgainAtMostOncePerInterval() throws Exception {
        TokenVerifier verifier = verifier(keys.uri());
        verifier.verify(Tokens.rs256("alice", keys.publish("key-1")));
        RsaJsonWebKey unpublished = JwksServer.newKey("unused");

        for (int i = 0; i < 5; i++) {
            JwksServer.waitOutTheRefetchReprieve();
            unpublished.setKeyId("made-up-" + i);
            assertInvalid(verifier, Tokens.rs256("mallory", unpublished));
        }

        assertThat(keys.fetches()).as("the first fetch and one forced by the first unknown kid").isEqualTo(2);
    }

    @Test
    void verifiersOfDifferentSetsKeepTheirOwnKeys() throws Exception {
        try (JwksServer otherKeys = JwksServer.start()) {
            // The same kid in both sets, with different keys: only the right set verifies each token.
            String tokenA = Tokens.rs256("alice", keys.publish("key-1"));
            String tokenB = Tokens.rs256("bob", otherKeys.publish("key-1"));
            TokenVerifier verifierA = verifier(keys.uri());
            TokenVerifier verifierB = verifier(otherKeys.uri());

            assertThat(verifierA.verify(tokenA).userId()).isEqualTo("alice");
            assertThat(verifierB.verify(tokenB).userId()).isEqualTo("bob");
            assertInvalid(verifierA, tokenB);
            assertInvalid(verifierB, tokenA);
        }
    }

    @Test
    void anUnreachableSetRefusesTokensUntilItAnswers() throws Exception {
        int port = JwksServer.closedPort();
        TokenVerifier verifier = verifier(JwksServer.uri(port));
        RsaJsonWebKey key = JwksServer.newKey("key-1");

        assertInvalid(verifier, Tokens.rs256("alice", key));

        try (JwksServer late = JwksServer.startOn(port)) {
            String token = Tokens.rs256("alice", late.publish("key-1"));
            JwksServer.waitOutTheRefetchReprieve();
            assertThat(verifier.verify(token).userId()).isEqualTo("alice");
        }
    }

    @Test
    void anHtmlPageInsteadOfTheSetIsNotKeptAndTheNextTokenFetchesAgain() throws Exception {
        RsaJsonWebKey key = keys.publish("key-1");
        keys.answerWithHtmlPage();
        TokenVerifier verifier = verifier(keys.uri());

        assertInvalid(verifier, Tokens.rs256("alice", key));
        assertThat(verifier.keySet().orElseThrow().status().lastError()).get().asString().contains("not a JSON Web Key Set");

        keys.answerWithKeySet();
        JwksServer.waitOutTheRefetchReprieve();
        assertThat(verifier.verify(Tokens.rs256("alice", key)).userId()).isEqualTo("alice");
        assertThat(verifier.keySet().orElseThrow().status().failing()).isFalse();
    }

    @Test
    void anHs256TokenKeyedWithThePublishedSetIsInvalid() throws Exception {
        keys.publish("key-1");
        String published;
        try (var in = keys.uri().toURL().openStream()) {
            published = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var claims = Tokens.claims("mallory", Duration.ofMinutes(5));

        assertInvalid(verifier(keys.uri()), Tokens.hs256(claims, published));
    }

    private static TokenVerifier verifier(URI uri) {
        return TokenVerifier.create(new Auth(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(new Jwks(uri, REFRESH)),
                JwtAlgorithm.RS256, Optional.empty(), Optional.empty(), Duration.ofSeconds(30),
                new GatewayConfig.KeyFiles(Duration.ofSeconds(5), Duration.ZERO)), null);
    }

    private static void assertInvalid(TokenVerifier verifier, String token) {
        AuthFailure failure = catchThrowableOfType(AuthFailure.class, () -> verifier.verify(token));

        assertThat(failure).as("token must be refused").isNotNull();
        assertThat(failure.reason()).isEqualTo(AuthFailure.Reason.INVALID_TOKEN);
    }
}
