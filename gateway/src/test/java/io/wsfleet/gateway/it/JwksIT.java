package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsfleet.gateway.support.JwksServer;
import io.wsfleet.gateway.support.LogCapture;
import io.wsfleet.gateway.support.RawUpgrade;
import io.wsfleet.gateway.support.Scrape;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import io.wsfleet.gateway.support.Tokens;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A production gateway that takes its keys from an identity provider's JSON Web Key Set
 * ({@code JWT_JWKS_URI}): tokens are matched to keys by {@code kid}, keys added to the set later are
 * used, and an endpoint that does not answer costs refusals, never the gateway.
 */
class JwksIT {
    @RegisterExtension
    final JwksServer keys = JwksServer.start();

    @Test
    void aTokenSignedByAPublishedKeyConnectsAndItsFramesFlow() {
        RsaJsonWebKey key = keys.publish("key-1");
        try (TestGateway gateway = gatewayWithKeysAt(keys.uri(), "5");
             TestClient alice = gateway.connectWithToken(Tokens.rs256("jwks-alice", key))) {
            alice.join("jwks-room");
            alice.send("room_message", payload("room_id", "jwks-room", "message", "signed by the provider"), "m-1");

            JsonNode received = alice.await("room_message");
            assertThat(received.path("from").asText()).isEqualTo("jwks-alice");
            assertThat(received.path("payload").path("message").asText()).isEqualTo("signed by the provider");
        }
    }

    @Test
    void tokensFromAnotherKeyOrNamingAnUnknownKeyGet401() {
        keys.publish("key-1");
        try (TestGateway gateway = gatewayWithKeysAt(keys.uri(), "5")) {
            assertRefused(gateway, Tokens.rs256("mallory", JwksServer.newKey("key-1")));
            assertRefused(gateway, Tokens.rs256("mallory", JwksServer.newKey("key-unknown")));
            assertRefused(gateway, Tokens.forUser("mallory"));
        }
    }

    @Test
    void aKeyAddedToTheSetIsAcceptedWithinTheRefreshInterval() {
        RsaJsonWebKey first = keys.publish("key-1");
        RsaJsonWebKey rotated = JwksServer.newKey("key-2");
        try (TestGateway gateway = gatewayWithKeysAt(keys.uri(), "1")) {
            gateway.connectWithToken(Tokens.rs256("rotation-alice", first)).close();
            // A token naming key-2 before it is published uses up the early fetch an unknown kid may cause.
            JwksServer.waitOutTheRefetchReprieve();
            assertRefused(gateway, Tokens.rs256("rotation-bob", rotated));
            int fetches = keys.fetches();

            keys.publish(rotated);
            assertRefused(gateway, Tokens.rs256("rotation-bob", rotated));
            assertThat(keys.fetches()).as("no second early fetch within the interval").isEqualTo(fetches);

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(5))
                    .until(() -> upgrade(gateway, Tokens.rs256("rotation-bob", rotated)).startsWith("HTTP/1.1 101"));
        }
    }

    @Test
    void aGatewayWhoseKeySetIsUnreachableStartsAnswers401AndRecoversWhenItAnswers() {
        int port = JwksServer.closedPort();
        try (TestGateway gateway = gatewayWithKeysAt(JwksServer.uri(port), "5")) {
            assertThat(gateway.get("/health/live").statusCode()).isEqualTo(200);
            assertThat(gateway.get("/health/ready").statusCode()).isEqualTo(200);
            RsaJsonWebKey key = JwksServer.newKey("key-1");
            assertRefused(gateway, Tokens.rs256("patient-alice", key));

            try (JwksServer late = JwksServer.startOn(port)) {
                late.publish(key);
                awaitAccepted(gateway, Tokens.rs256("patient-alice", key));
                try (TestClient alice = gateway.connectWithToken(Tokens.rs256("patient-alice", key))) {
                    alice.join("after-outage");
                }
            }
        }
    }

    @Test
    void anHtmlPageInsteadOfTheSetIsLoggedCountedShownAndRetriedUntilTheSetIsServed() throws IOException {
        RsaJsonWebKey key = keys.publish("key-1");
        keys.answerWithHtmlPage();
        try (LogCapture logs = LogCapture.start();
             TestGateway gateway = gatewayWithKeysAt(keys.uri(), "5")) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode jwks = health(gateway).path("jwks");
                assertThat(jwks.path("status").asText()).isEqualTo("failing");
                assertThat(jwks.path("last_error").asText()).contains("not a JSON Web Key Set");
                assertThat(Scrape.of(gateway).value("wsfleet_jwks_fetch_failures_total")).isGreaterThanOrEqualTo(1);
                assertThat(Scrape.of(gateway).value("wsfleet_jwks_keys")).isZero();
            });
            assertThat(health(gateway).path("status").asText()).isEqualTo("degraded");
            assertThat(gateway.get("/health/ready").statusCode()).isEqualTo(200);
            assertRefused(gateway, Tokens.rs256("healed-alice", key));
            assertThat(logs.messages()).anyMatch(line -> line.contains("JWKS fetch from " + keys.uri() + " failed"));

            keys.answerWithKeySet();

            awaitAccepted(gateway, Tokens.rs256("healed-alice", key));
            JsonNode health = health(gateway);
            assertThat(health.path("status").asText()).isEqualTo("ok");
            assertThat(health.path("jwks").path("status").asText()).isEqualTo("ok");
            assertThat(health.path("jwks").path("keys").asInt()).isEqualTo(1);
            assertThat(Scrape.of(gateway).value("wsfleet_jwks_keys")).isEqualTo(1);
        }
    }

    private static JsonNode health(TestGateway gateway) throws IOException {
        return new ObjectMapper().readTree(gateway.get("/health").body());
    }

    /** Retried until the key set is fetched again (the gateway's retry or the token's own fetch). */
    private static void awaitAccepted(TestGateway gateway, String token) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                .until(() -> upgrade(gateway, token).startsWith("HTTP/1.1 101"));
    }

    /** A production gateway (the test environment's shared secret removed) verifying RS256 with the set. */
    private static TestGateway gatewayWithKeysAt(URI jwks, String refreshMinutes) {
        return TestGateway.start(Map.of("JWT_SECRET_KEY", "", "JWT_JWKS_URI", jwks.toString(),
                "JWT_ALGORITHM", "RS256", "JWT_JWKS_REFRESH_MINUTES", refreshMinutes));
    }

    private static void assertRefused(TestGateway gateway, String token) {
        String response = upgrade(gateway, token);
        assertThat(response).startsWith("HTTP/1.1 401").contains("\"error\":\"invalid_token\"");
    }

    /** The raw HTTP response to an upgrade carrying the token. */
    private static String upgrade(TestGateway gateway, String token) {
        try {
            return RawUpgrade.send(gateway.gateway().port(), "/ws", "Authorization: Bearer " + token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
