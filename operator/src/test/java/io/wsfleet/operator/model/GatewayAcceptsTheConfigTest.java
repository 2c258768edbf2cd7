package io.wsfleet.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsfleet.gateway.config.ConfigLoader;
import io.wsfleet.gateway.config.GatewayConfig;
import io.wsfleet.gateway.room.Room;
import io.wsfleet.gateway.room.RoomSeedFile;
import io.wsfleet.gateway.room.RoomType;
import io.wsfleet.operator.api.v1alpha1.AuthSpec;
import io.wsfleet.operator.api.v1alpha1.DrainSpec;
import io.wsfleet.operator.api.v1alpha1.GatewaySpec;
import io.wsfleet.operator.api.v1alpha1.KeyAlgorithm;
import io.wsfleet.operator.api.v1alpha1.LimitsSpec;
import io.wsfleet.operator.api.v1alpha1.ManagedRedisSpec;
import io.wsfleet.operator.api.v1alpha1.RebalanceSpec;
import io.wsfleet.operator.api.v1alpha1.RedisSpec;
import io.wsfleet.operator.api.v1alpha1.RoomSpec;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterSpec;
import io.wsfleet.operator.api.v1alpha1.SecretKeyRef;
import io.wsfleet.operator.support.Clusters;
import io.wsfleet.operator.support.GatewayPod;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's own configuration loader and seed file reader, given what the operator writes: the
 * pod's mounted files and the container's environment ({@link GatewayPod}: Secrets hold placeholder
 * values, the mounted paths are moved to the temporary folder).
 */
class GatewayAcceptsTheConfigTest {
    /** What the configuration loader reads of a Secret: anything, 32 characters or more (it does not parse keys or certificates). */
    private static final String PLACEHOLDER = "a-secret-value-from-the-referenced-secret-0123";

    @Test
    void theGatewayLoadsTheOperatorsConfiguration(@TempDir Path mount) throws IOException {
        WebSocketCluster cluster = Clusters.of("prod", "chat", new WebSocketClusterSpec(
                new GatewaySpec(null, null, null, null, null, 30, null, new DrainSpec(2, 45, null, 25), new RebalanceSpec(false, 15, 7)),
                null, null, null,
                new AuthSpec(Clusters.jwtAuth().jwtSecret(), null, null, null, "https://issuer.example", "chat", 120),
                new LimitsSpec(7, 120, 30, 4096), List.of("https://a.example", "https://b.example:8443"), null,
                List.of(new RoomSpec("lobby", null, null, null, null), new RoomSpec("staff", io.wsfleet.operator.api.v1alpha1.RoomType.PRIVATE,
                        List.of("alice"), null, null), new RoomSpec("vault", null, null, null, true)), null, null, null));

        GatewayConfig config = ConfigLoader.load(environment(cluster, mount));

        assertThat(config.limits().maxConnectionsPerUser()).isEqualTo(7);
        assertThat(config.limits().messagesPerMinute()).isEqualTo(120);
        assertThat(config.limits().connectionsPerIpPerHour()).isEqualTo(30);
        assertThat(config.session().maxMessageBytes()).isEqualTo(4096);
        assertThat(config.session().shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.drain()).isEqualTo(new GatewayConfig.Drain(Duration.ofSeconds(2), Duration.ofSeconds(45)));
        assertThat(config.presence().reconnectGrace()).isEqualTo(Duration.ofSeconds(25));
        assertThat(config.rebalance()).isEqualTo(new GatewayConfig.Rebalance(false, 15, 7));
        assertThat(gracePeriod(cluster)).as("the pod outlasts the stop the gateway will run").isEqualTo(Duration.ofSeconds(5 + 2 + 45 + 30 + 10))
                .isGreaterThanOrEqualTo(stop(config));
        assertThat(config.origins().allowed()).containsExactlyInAnyOrder("https://a.example", "https://b.example:8443");
        assertThat(config.auth().issuer()).contains("https://issuer.example");
        assertThat(config.auth().audience()).contains("chat");
        assertThat(config.auth().jwtSecretFile()).as("the secret, a mounted file the gateway follows")
                .hasValueSatisfying(file -> assertThat(file).hasContent(PLACEHOLDER));
        assertThat(config.auth().jwtSecret()).isEmpty();
        assertThat(config.auth().keyFiles().overlap()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.redis()).hasValueSatisfying(redis -> {
            assertThat(redis.uris()).singleElement().asString().contains("chat-redis:6379");
            assertThat(redis.cluster()).isFalse();
        });
        assertThat(config.server().port()).isEqualTo(GatewayModel.WS_PORT);
        assertThat(config.server().adminPort()).isEqualTo(GatewayModel.ADMIN_PORT);

        List<Room> rooms = RoomSeedFile.read(mount.resolve("config").resolve(GatewayConfigFile.ROOMS_FILE_NAME));
        assertThat(rooms).extracting(Room::id).containsExactly("lobby", "staff", "vault");
        assertThat(rooms).extracting(Room::encrypted).containsExactly(false, false, true);
        assertThat(rooms.get(1).type()).isEqualTo(RoomType.PRIVATE);
        assertThat(rooms.get(1).members()).containsExactly("alice");
    }

    @Test
    void theGatewayLoadsAJwksUriAsItsKeySource(@TempDir Path mount) throws IOException {
        String uri = "https://id.example/.well-known/jwks.json";
        WebSocketCluster cluster = Clusters.of("prod", "chat", new WebSocketClusterSpec(null, null, null, null,
                new AuthSpec(null, null, uri, KeyAlgorithm.ES256, "https://id.example", null, null), null, null, null, null, null, null, null));

        GatewayConfig config = ConfigLoader.load(environment(cluster, mount));

        assertThat(config.environment()).isEqualTo(GatewayConfig.Environment.PRODUCTION);
        assertThat(config.auth().developmentMode()).isFalse();
        assertThat(config.auth().jwks()).hasValueSatisfying(jwks -> assertThat(jwks.uri()).hasToString(uri));
        assertThat(config.auth().algorithm()).isEqualTo(GatewayConfig.JwtAlgorithm.ES256);
        assertThat(config.auth().jwtSecret()).isEmpty();
        assertThat(config.auth().issuer()).contains("https://id.example");
    }

    @Test
    void theGatewayAsksTheManagedSentinelsWithTheirPassword(@TempDir Path mount) throws IOException {
        WebSocketCluster cluster = Clusters.of("prod", "chat", new WebSocketClusterSpec(null, null, null,
                new RedisSpec(new ManagedRedisSpec(null, null, null, null, 3), null), Clusters.jwtAuth(), null, null, null, null, null, null, null));

        GatewayConfig config = ConfigLoader.load(environment(cluster, mount));

        assertThat(config.redis()).hasValueSatisfying(redis -> {
            assertThat(redis.sentinel()).isTrue();
            assertThat(redis.uris()).singleElement().asString().startsWith("redis-sentinel://:")
                    .contains("@chat-redis-0.chat-redis-headless.prod.svc:26379,").endsWith("#" + RedisModel.MASTER_NAME);
            assertThat(redis.sentinelPassword()).isPresent();
        });
    }

    @Test
    void theDefaultsLoadToo(@TempDir Path mount) throws IOException {
        GatewayConfig config = ConfigLoader.load(environment(Clusters.minimal("prod", "chat"), mount));

        assertThat(config.limits().messagesPerMinute()).isEqualTo(100);
        assertThat(config.origins().allowed()).isEmpty();
        assertThat(RoomSeedFile.read(mount.resolve("config").resolve(GatewayConfigFile.ROOMS_FILE_NAME))).isEmpty();
        assertThat(config.drain()).isEqualTo(new GatewayConfig.Drain(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        assertThat(config.presence()).isEqualTo(new GatewayConfig.Presence(false, Duration.ofSeconds(10)));
        assertThat(config.rebalance()).isEqualTo(new GatewayConfig.Rebalance(true, 10, 20));
        assertThat(gracePeriod(Clusters.minimal("prod", "chat"))).isGreaterThanOrEqualTo(stop(config));
    }

    /** What the gateway will take from SIGTERM on, after the preStop sleep: the deregistration delay, the window, the shutdown grace. */
    static Duration stop(GatewayConfig config) {
        return Duration.ofSeconds(GatewayModel.PRE_STOP_SECONDS).plus(config.drain().deregistrationDelay()).plus(config.drain().window())
                .plus(config.session().shutdownGrace());
    }

    static Duration gracePeriod(WebSocketCluster cluster) {
        return Duration.ofSeconds(GatewayModel.deployment(cluster, OperatorSettings.defaults()).getSpec().getTemplate().getSpec()
                .getTerminationGracePeriodSeconds());
    }

    /** The cluster's pod laid out in {@code mount}, with every Secret its spec references holding a placeholder value. */
    static GatewayPod pod(WebSocketCluster cluster, Path mount) {
        WebSocketClusterSpec spec = cluster.getSpec();
        ClusterNames names = ClusterNames.of(cluster);
        Map<String, Map<String, String>> secrets = new HashMap<>();
        Stream.of(spec.auth().jwtSecret(), spec.auth().publicKey() == null ? null : spec.auth().publicKey().secret(), spec.encryptionKey(),
                        spec.redis().managedByOperator() ? new SecretKeyRef(names.redisSecret(), RedisModel.PASSWORD_KEY)
                                : spec.redis().external().passwordSecret())
                .filter(Objects::nonNull)
                .forEach(ref -> secrets.computeIfAbsent(ref.name(), name -> new HashMap<>()).put(ref.key(), PLACEHOLDER));
        if (spec.tls().atPods()) {
            secrets.put(spec.tls().secretName(), Map.of("tls.crt", PLACEHOLDER, "tls.key", PLACEHOLDER));
        }
        return GatewayPod.of(cluster, secrets, mount);
    }

    static Map<String, String> environment(WebSocketCluster cluster, Path mount) {
        return pod(cluster, mount).environment();
    }
}
