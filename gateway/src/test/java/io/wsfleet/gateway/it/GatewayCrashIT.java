package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.wsfleet.gateway.support.GatewayProcess;
import io.wsfleet.gateway.support.RedisServer;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;

/** A gateway killed with SIGKILL has its users reported gone by a survivor, once, within the lease bound. */
class GatewayCrashIT {
    private static final int LEASE_SECONDS = 4;

    @Test
    void survivorsAnnounceTheUsersOfACrashedGateway() throws Exception {
        Map<String, String> cluster = Map.of("REDIS_PREFIX", "crash", "PRESENCE_LEASE_SECONDS", String.valueOf(LEASE_SECONDS));
        try (RedisServer redis = RedisServer.start();
             TestGateway survivor = TestGateway.start(with(cluster, redis));
             GatewayProcess doomed = GatewayProcess.start(with(cluster, redis));
             TestClient watcher = survivor.connect("crash-watcher")) {
            watcher.join("crash-room");
            TestClient victim = doomed.connect("crash-victim");
            victim.join("crash-room");
            watcher.await(frame -> TestClient.is(frame, "user_joined")
                    && frame.path("payload").path("user_id").asText().equals("crash-victim"));

            long killedAt = System.nanoTime();
            doomed.kill();

            watcher.await(frame -> TestClient.is(frame, "user_left")
                    && frame.path("payload").path("user_id").asText().equals("crash-victim"));
            watcher.await(frame -> TestClient.is(frame, "user_offline")
                    && frame.path("payload").path("user_id").asText().equals("crash-victim"));
            Duration detected = Duration.ofNanos(System.nanoTime() - killedAt);
            // Bound: one lease plus one refresh period (a quarter lease), plus scheduling slack.
            assertThat(detected).isLessThan(Duration.ofSeconds(LEASE_SECONDS + LEASE_SECONDS / 4 + 3));
            assertThat(survivor.gateway().node().deviceCount("crash-victim")).isZero();
            watcher.sync();
            assertThat(watcher.frames("user_offline")).filteredOn(frame ->
                    frame.path("payload").path("user_id").asText().equals("crash-victim")).hasSize(1);
            victim.socket().abort();
        }
    }

    private static Map<String, String> with(Map<String, String> cluster, RedisServer redis) {
        var environment = new java.util.HashMap<>(cluster);
        environment.put("REDIS_URL", redis.uri());
        return environment;
    }
}
