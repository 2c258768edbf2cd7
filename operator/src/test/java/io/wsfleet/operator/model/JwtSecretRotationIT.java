package io.wsfleet.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wsfleet.gateway.support.GatewayProcess;
import io.wsfleet.gateway.support.RedisServer;
import io.wsfleet.gateway.support.Scrape;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.Tokens;
import io.wsfleet.operator.api.v1alpha1.AuthSpec;
import io.wsfleet.operator.api.v1alpha1.ExternalRedisSpec;
import io.wsfleet.operator.api.v1alpha1.LimitsSpec;
import io.wsfleet.operator.api.v1alpha1.RedisSpec;
import io.wsfleet.operator.api.v1alpha1.SecretKeyRef;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterSpec;
import io.wsfleet.operator.support.Clusters;
import io.wsfleet.operator.support.GatewayPod;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JWT secret rotated in its Secret, end to end: the gateway jar runs as its own process with the configuration and
 * mounts the operator renders (laid out as the kubelet would, {@link GatewayPod}) and a real redis-server; the Secret's
 * value changes as the kubelet applies it (an atomic swap of the volume's {@code ..data} symlink). New tokens verify,
 * open connections stay and keep receiving, and tokens of the old key verify until the overlap ends, then get 401.
 */
class JwtSecretRotationIT {
    private static final Path GATEWAY_JAR = Path.of("").toAbsolutePath().getParent().resolve("gateway/target/wsfleet-gateway.jar");
    private static final String SECRET = "chat-jwt";
    private static final String KEY_A = "key-a-of-the-rotation-test-0123456789abcdef";
    private static final String KEY_B = "key-b-of-the-rotation-test-fedcba9876543210";
    private static final int OVERLAP_SECONDS = 10;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRotatedSecretVerifiesNewTokensKeepsTheConnectionsAndRefusesTheOldKeyAfterTheOverlap(@TempDir Path mounts) throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            GatewayPod pod = GatewayPod.of(cluster(redis), Map.of(SECRET, Map.of("secret", KEY_A + "\n")), mounts);
            try (GatewayProcess gateway = GatewayProcess.start(GATEWAY_JAR, pod.environment());
                 TestClient alice = connect(gateway, "alice", KEY_A);
                 TestClient bob = connect(gateway, "bob", KEY_A)) {
                alice.join("lobby");
                bob.join("lobby");
                assertRefused(gateway, KEY_B);

                pod.updateSecret(SECRET, Map.of("secret", KEY_B + "\n"));
                await().atMost(Duration.ofSeconds(30)).until(() -> metrics(gateway).value("wsfleet_jwt_key_rotations_total") == 1);

                try (TestClient carol = connect(gateway, "carol", KEY_B);
                     TestClient dave = connect(gateway, "dave", KEY_A)) {
                    assertThat(metrics(gateway).value("wsfleet_jwt_keys")).as("both keys verify during the overlap").isEqualTo(2);
                    carol.join("lobby");
                    carol.publish("lobby", "after-rotation-", 1);
                    for (TestClient old : List.of(alice, bob)) {
                        old.await(frame -> TestClient.is(frame, "room_message") && TestClient.message(frame).equals("after-rotation-0"));
                    }
                }

                await().atMost(Duration.ofSeconds(OVERLAP_SECONDS + 30)).pollInterval(Duration.ofMillis(500))
                        .until(() -> metrics(gateway).value("wsfleet_jwt_keys") == 1);
                assertRefused(gateway, KEY_A);
                try (TestClient erin = connect(gateway, "erin", KEY_B)) {
                    erin.join("lobby");
                    alice.publish("lobby", "after-overlap-", 1);
                    for (TestClient reader : List.of(bob, erin)) {
                        reader.await(frame -> TestClient.is(frame, "room_message") && TestClient.message(frame).equals("after-overlap-0"));
                    }
                }
                assertThat(alice.isClosed()).isFalse();
                assertThat(bob.isClosed()).isFalse();
                assertThat(gateway.output()).contains("JWT verification keys rotated").doesNotContain(KEY_A).doesNotContain(KEY_B);
            }
        }
    }

    /** An external Redis (the test's), the secret in Secret chat-jwt, a short overlap, and room for the test's connections. */
    private static WebSocketCluster cluster(RedisServer redis) {
        return Clusters.of("prod", "chat", new WebSocketClusterSpec(null, null, null,
                new RedisSpec(null, new ExternalRedisSpec(redis.uri(), null, null)),
                new AuthSpec(new SecretKeyRef(SECRET, "secret"), null, null, null, null, null, OVERLAP_SECONDS),
                new LimitsSpec(null, null, 1000, null), null, null, null, null, null, null));
    }

    private static TestClient connect(GatewayProcess gateway, String user, String key) {
        TestClient client = TestClient.connect(TestClient.builder().header("Authorization", "Bearer " + token(user, key)), gateway.wsUri());
        client.sync();
        return client;
    }

    private static void assertRefused(GatewayProcess gateway, String key) {
        assertThatThrownBy(() -> TestClient.connect(TestClient.builder().header("Authorization", "Bearer " + token("mallory", key)),
                gateway.wsUri()))
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));
    }

    private static String token(String user, String key) {
        return Tokens.hs256(Tokens.claims(user, Duration.ofHours(1)), key);
    }

    private Scrape metrics(GatewayProcess gateway) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.adminUri("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Scrape.parse(response.body());
    }
}
