package io.wsfleet.gateway.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.wsfleet.gateway.config.GatewayConfig;
import io.wsfleet.gateway.presence.redis.RedisPresence;
import io.wsfleet.gateway.redis.RedisConnections;
import io.wsfleet.gateway.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The presence contract against a real Redis, plus what only a shared store has: leases. */
class RedisPresenceIT extends PresenceStoreContract {
    private static final Duration LEASE = Duration.ofSeconds(4);
    private static RedisServer redis;
    private static RedisConnections connections;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
        connections = RedisConnections.open(config());
    }

    @AfterAll
    static void stopRedis() {
        connections.close();
        redis.close();
    }

    private static GatewayConfig.Redis config() {
        return new GatewayConfig.Redis(List.of(redis.uri()), false, false, Optional.empty(), "test", LEASE);
    }

    @BeforeEach
    void emptyStore() {
        redis.command("FLUSHALL");
        presence = new RedisPresence(connections, "test", "node-a", LEASE);
    }

    @Override
    protected int concurrencyRounds() {
        return 40;
    }

    /** Records the transitions a store announces on behalf of dead nodes. */
    private record Recorder(List<String> events) implements PresenceEvents {
        Recorder() {
            this(new CopyOnWriteArrayList<>());
        }

        @Override
        public void userLeftRoom(String roomId, String userId) {
            events.add("left " + roomId + " " + userId);
        }

        @Override
        public void userOffline(String userId, long seq, java.util.Collection<String> rooms) {
            events.add("offline " + userId);
        }
    }

    @Test
    void aNodeThatStopsRefreshingItsLeaseHasItsUsersRemovedOnceBySurvivors() {
        ScheduledExecutorService deadSoon = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService survivorB = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService survivorC = Executors.newSingleThreadScheduledExecutor();
        try {
            presence.startLeases(deadSoon, new Recorder(), () -> { });
            presence.connect("alice", "a-1");
            presence.join("lobby", "alice", "a-1");
            RedisPresence nodeB = new RedisPresence(connections, "test", "node-b", LEASE);
            nodeB.connect("bob", "b-1");
            nodeB.join("lobby", "bob", "b-1");
            RedisPresence nodeC = new RedisPresence(connections, "test", "node-c", LEASE);
            Recorder seenByB = new Recorder();
            Recorder seenByC = new Recorder();
            nodeB.startLeases(survivorB, seenByB, () -> { });
            nodeC.startLeases(survivorC, seenByC, () -> { });

            deadSoon.shutdownNow(); // node A crashes: no more refreshes, no cleanup

            await().atMost(LEASE.multipliedBy(3)).until(() -> presence.devices("alice") == 0);
            await().until(() -> seenByB.events().size() + seenByC.events().size() == 2);
            List<String> announced = new java.util.ArrayList<>(seenByB.events());
            announced.addAll(seenByC.events());
            assertThat(announced).containsExactly("left lobby alice", "offline alice");
            assertThat(presence.members("lobby")).containsExactly("bob");
            assertThat(nodeB.devices("bob")).isEqualTo(1);
        } finally {
            deadSoon.shutdownNow();
            survivorB.shutdownNow();
            survivorC.shutdownNow();
        }
    }

    @Test
    void staleEntriesOfThisNodeAreRemovedWhenTheirConnectionsOrRoomsAreGone() {
        presence.connect("alice", "gone");
        presence.join("lobby", "alice", "gone");
        presence.connect("bob", "live");
        presence.join("lobby", "bob", "live");
        presence.join("staff", "bob", "live");
        Recorder recorder = new Recorder();

        // "live" is still connected and in staff, but left lobby while the store was unreachable.
        presence.removeStale((connection, room) -> connection.equals("live") && !"lobby".equals(room), recorder);

        assertThat(recorder.events()).containsExactlyInAnyOrder("left lobby alice", "left lobby bob", "offline alice");
        assertThat(presence.devices("alice")).isZero();
        assertThat(presence.devices("bob")).isEqualTo(1);
        assertThat(presence.members("lobby")).isEmpty();
        assertThat(presence.members("staff")).containsExactly("bob");
    }

    @Test
    void aNodeThatLostItsLeaseWhileAliveKeepsItsUsersAfterOthersReapIt() {
        ScheduledExecutorService timerA = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService timerB = Executors.newSingleThreadScheduledExecutor();
        try {
            // On a lost lease the node records its live sessions again, as Node.resync does.
            presence.startLeases(timerA, new Recorder(), () -> presence.connect("alice", "a-1"));
            presence.connect("alice", "a-1");
            RedisPresence nodeB = new RedisPresence(connections, "test", "node-b", LEASE);
            nodeB.startLeases(timerB, new Recorder(), () -> { });

            redis.command("DEL", "{test:n:node-a}:lease"); // as if node-a had been cut off for a whole lease

            // node-b reaps the old id while node-a re-asserts under a new one; alice ends up online.
            await().atMost(LEASE.multipliedBy(3)).until(() -> !redis.command("SMEMBERS", "test:nodes").contains("node-a\r\n"));
            await().during(LEASE.dividedBy(2)).atMost(LEASE.multipliedBy(2)).until(() -> presence.devices("alice") == 1);
        } finally {
            timerA.shutdownNow();
            timerB.shutdownNow();
        }
    }

    @Test
    void callsFailWithStoreUnavailableWhileRedisIsDown() {
        redis.kill();
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> presence.connect("alice", "a-1"))
                    .isInstanceOf(StoreUnavailableException.class);
        } finally {
            redis.restart();
            await().atMost(Duration.ofSeconds(15)).until(connections::connected);
        }
    }
}
