package io.wsfleet.gateway.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link PresenceStore} must have, whatever holds the state: run against the
 * in-memory store here ({@code MemoryPresenceTest}) and against a real Redis ({@code RedisPresenceIT}).
 */
public abstract class PresenceStoreContract {
    protected PresenceStore presence;

    /** Rounds of the concurrency test: fewer where each call is a network round trip. */
    protected int concurrencyRounds() {
        return 300;
    }

    @Test
    void countsDevicesPerUserAcrossConnectAndDisconnect() {
        assertThat(presence.connect("alice", "phone")).extracting("added", "devices").containsExactly(true, 1);
        assertThat(presence.connect("alice", "laptop")).extracting("added", "devices").containsExactly(true, 2);
        assertThat(presence.connect("bob", "phone").firstDevice()).isTrue();
        assertThat(presence.devices("alice")).isEqualTo(2);
        assertThat(presence.devices("bob")).isEqualTo(1);

        assertThat(presence.disconnect("alice", "phone")).as("alice keeps her laptop").isFalse();
        assertThat(presence.devices("alice")).isEqualTo(1);
        assertThat(presence.disconnect("alice", "laptop")).as("alice's last device").isTrue();
        assertThat(presence.devices("alice")).isZero();
        assertThat(presence.devices("bob")).isEqualTo(1);
    }

    @Test
    void repeatedConnectOrDisconnectOfOneDeviceCountsOnce() {
        presence.connect("alice", "phone");

        PresenceStore.Connected again = presence.connect("alice", "phone");
        assertThat(again.firstDevice()).isFalse();
        assertThat(again.additionalDevice()).isFalse();
        assertThat(presence.disconnect("alice", "phone")).isTrue();
        assertThat(presence.disconnect("alice", "phone")).as("already gone").isFalse();
        assertThat(presence.disconnect("nobody", "phone")).isFalse();
        assertThat(presence.devices("alice")).isZero();
    }

    @Test
    void parallelConnectsOfOneUserRecordAtMostTheLimit() throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        var admitted = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String device = "device" + i;
            threads.add(Thread.ofVirtual().start(() -> {
                await(start);
                if (!presence.connect("crowd", device, 5).refused()) {
                    admitted.incrementAndGet();
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            assertThat(thread.join(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(admitted.get()).isEqualTo(5);
        assertThat(presence.devices("crowd")).isEqualTo(5);

        PresenceStore.Connected sixth = presence.connect("crowd", "one-more", 5);
        assertThat(sixth.refused()).isTrue();
        assertThat(sixth.added()).isFalse();
        assertThat(presence.devices("crowd")).isEqualTo(5);
    }

    @Test
    void aDeviceRecordedAlreadyIsRecordedAgainAtTheLimitAndAFreedPlaceCanBeTaken() {
        presence.connect("full", "phone", 2);
        presence.connect("full", "laptop", 2);

        assertThat(presence.connect("full", "phone", 2).refused()).as("re-recorded, not a new device").isFalse();
        assertThat(presence.connect("full", "tablet", 2).refused()).isTrue();
        presence.disconnect("full", "laptop");
        assertThat(presence.connect("full", "tablet", 2)).extracting("added", "devices").containsExactly(true, 2);
    }

    @Test
    void aUsersOnlineAndOfflineTransitionsGetIncreasingSequenceNumbers() {
        long online = presence.connect("seq-user", "phone").seq();
        assertThat(presence.connect("seq-user", "laptop").seq()).as("not a transition").isZero();
        assertThat(presence.offline("seq-user", "phone")).as("not a transition").isZero();
        long offline = presence.offline("seq-user", "laptop");
        long onlineAgain = presence.connect("seq-user", "tablet").seq();

        assertThat(online).isPositive();
        assertThat(offline).isGreaterThan(online);
        assertThat(onlineAgain).isGreaterThan(offline);
    }

    @Test
    void firstJoinAndLastLeaveArePerUserOverAllDevices() {
        assertThat(presence.join("lobby", "alice", "phone")).as("alice's first device").isTrue();
        assertThat(presence.join("lobby", "alice", "laptop")).as("alice's second device").isFalse();
        assertThat(presence.join("lobby", "bob", "phone")).as("bob's first device").isTrue();
        assertThat(presence.members("lobby")).containsExactlyInAnyOrder("alice", "bob");

        assertThat(presence.leave("lobby", "alice", "phone")).as("alice still has her laptop").isFalse();
        assertThat(presence.members("lobby")).containsExactlyInAnyOrder("alice", "bob");
        assertThat(presence.leave("lobby", "alice", "laptop")).as("alice's last device").isTrue();
        assertThat(presence.members("lobby")).containsExactly("bob");
        assertThat(presence.leave("lobby", "bob", "phone")).isTrue();
        assertThat(presence.members("lobby")).isEmpty();
    }

    @Test
    void leavingWithoutHavingJoinedIsNoTransition() {
        presence.join("lobby", "alice", "phone");

        assertThat(presence.leave("lobby", "bob", "phone")).as("bob never joined").isFalse();
        assertThat(presence.leave("nowhere", "alice", "phone")).as("unknown room").isFalse();
        assertThat(presence.leave("lobby", "alice", "tablet")).as("device never joined").isFalse();
        assertThat(presence.members("lobby")).containsExactly("alice");
    }

    @Test
    void roomsAreIndependent() {
        presence.join("lobby", "alice", "phone");

        assertThat(presence.join("staff", "alice", "phone")).isTrue();
        assertThat(presence.leave("lobby", "alice", "phone")).isTrue();
        assertThat(presence.members("lobby")).isEmpty();
        assertThat(presence.members("staff")).containsExactly("alice");
    }

    @Test
    void joiningTwiceWithOneDeviceIsOneTransition() {
        assertThat(presence.join("lobby", "alice", "phone")).isTrue();
        assertThat(presence.join("lobby", "alice", "phone")).isFalse();
        assertThat(presence.leave("lobby", "alice", "phone")).isTrue();
        assertThat(presence.leave("lobby", "alice", "phone")).isFalse();
    }

    @Test
    void membersIsASnapshot() {
        presence.join("lobby", "alice", "phone");

        Set<String> members = presence.members("lobby");
        presence.join("lobby", "bob", "phone");

        assertThat(members).containsExactly("alice");
    }

    @Test
    void concurrentJoinsAndLeavesReportEachTransitionOnce() throws InterruptedException {
        int users = 8;
        int devicesPerUser = 4;
        int rounds = concurrencyRounds();
        var firstJoins = new ConcurrentHashMap<String, AtomicInteger>();
        var lastLeaves = new ConcurrentHashMap<String, AtomicInteger>();
        var connected = new ConcurrentHashMap<String, AtomicInteger>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String user = "user" + u;
            for (int d = 0; d < devicesPerUser; d++) {
                String device = user + "-device" + d;
                // the first device of each even user stays in the room and online
                boolean stays = d == 0 && u % 2 == 0;
                threads.add(Thread.ofVirtual().start(() -> {
                    await(start);
                    for (int i = 0; i < rounds; i++) {
                        if (presence.connect(user, device).firstDevice()) {
                            count(connected, user, 1);
                        }
                        if (presence.join("hot", user, device)) {
                            count(firstJoins, user, 1);
                        }
                        if (presence.leave("hot", user, device)) {
                            count(lastLeaves, user, 1);
                        }
                        if (presence.disconnect(user, device)) {
                            count(connected, user, -1);
                        }
                    }
                    if (stays) {
                        if (presence.connect(user, device).firstDevice()) {
                            count(connected, user, 1);
                        }
                        if (presence.join("hot", user, device)) {
                            count(firstJoins, user, 1);
                        }
                    }
                }));
            }
        }
        start.countDown();
        for (Thread thread : threads) {
            assertThat(thread.join(Duration.ofSeconds(60))).isTrue();
        }

        Set<String> stayers = IntStream.range(0, users).filter(u -> u % 2 == 0).mapToObj(u -> "user" + u)
                .collect(Collectors.toSet());
        assertThat(presence.members("hot")).containsExactlyInAnyOrderElementsOf(stayers);
        for (int u = 0; u < users; u++) {
            String user = "user" + u;
            int present = stayers.contains(user) ? 1 : 0;
            // transitions alternate per user: one more first join than last leave exactly while still present
            if (present == 0) {
                // whichever device of the user leaves last in the loop causes a last leave
                assertThat(get(lastLeaves, user)).as("last leaves of %s", user).isPositive();
            }
            assertThat(get(firstJoins, user) - get(lastLeaves, user)).as("joins minus leaves of %s", user).isEqualTo(present);
            assertThat(get(connected, user)).as("online transitions of %s", user).isEqualTo(present);
        }
    }

    private static void count(ConcurrentHashMap<String, AtomicInteger> counts, String user, int delta) {
        counts.computeIfAbsent(user, ignored -> new AtomicInteger()).addAndGet(delta);
    }

    private static int get(ConcurrentHashMap<String, AtomicInteger> counts, String user) {
        AtomicInteger count = counts.get(user);
        return count == null ? 0 : count.get();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
