package io.wsfleet.gateway.room;

import io.wsfleet.gateway.session.SessionMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsfleet.gateway.auth.Principal;
import io.wsfleet.gateway.session.Session;
import io.wsfleet.gateway.session.SessionSettings;
import io.wsfleet.gateway.support.SilentTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalRegistryTest {
    private final ExecutorService drain = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final SessionSettings settings = new SessionSettings(64 * 1024, Duration.ofSeconds(5), drain, scheduler,
            SessionMeters.register(new SimpleMeterRegistry()));
    private final LocalRegistry registry = new LocalRegistry();

    @AfterEach
    void stopExecutors() {
        drain.shutdownNow();
        scheduler.shutdownNow();
    }

    @Test
    void indexesSessionsByUser() {
        Session phone = session("c1", "alice");
        Session laptop = session("c2", "alice");
        Session other = session("c3", "bob");

        registry.add(phone);
        registry.add(laptop);
        registry.add(other);

        assertThat(registry.connectionCount()).isEqualTo(3);
        assertThat(registry.all()).containsExactlyInAnyOrder(phone, laptop, other);
        assertThat(registry.ofUser("alice")).containsExactlyInAnyOrder(phone, laptop);
        assertThat(registry.ofUser("bob")).containsExactly(other);
        assertThat(registry.ofUser("nobody")).isEmpty();
    }

    @Test
    void removingSessionsShrinksTheUserIndex() {
        Session phone = session("c1", "alice");
        Session laptop = session("c2", "alice");
        registry.add(phone);
        registry.add(laptop);

        registry.remove(phone);
        assertThat(registry.ofUser("alice")).containsExactly(laptop);
        assertThat(registry.connectionCount()).isEqualTo(1);

        registry.remove(laptop);
        assertThat(registry.ofUser("alice")).isEmpty();
        assertThat(registry.all()).isEmpty();
        assertThat(registry.connectionCount()).isZero();
    }

    @Test
    void removingAnUnknownSessionChangesNothing() {
        Session known = session("c1", "alice");
        registry.add(known);

        registry.remove(session("c9", "alice"));

        assertThat(registry.ofUser("alice")).containsExactly(known);
        assertThat(registry.connectionCount()).isEqualTo(1);
    }

    @Test
    void indexesSessionsByRoomAndForgetsEmptyRooms() {
        Session alice = session("c1", "alice");
        Session bob = session("c2", "bob");

        registry.join("lobby", alice);
        registry.join("lobby", bob);
        registry.join("staff", alice);
        assertThat(registry.inRoom("lobby")).containsExactlyInAnyOrder(alice, bob);
        assertThat(registry.inRoom("staff")).containsExactly(alice);
        assertThat(registry.roomCount()).isEqualTo(2);

        registry.leave("staff", alice);
        registry.leave("lobby", alice);
        assertThat(registry.inRoom("staff")).isEmpty();
        assertThat(registry.inRoom("lobby")).containsExactly(bob);
        assertThat(registry.roomCount()).isEqualTo(1);
    }

    @Test
    void snapshotDoesNotFollowLaterChanges() {
        Session first = session("c1", "alice");
        registry.add(first);

        List<Session> snapshot = registry.snapshot();
        registry.add(session("c2", "bob"));
        registry.remove(first);

        assertThat(snapshot).containsExactly(first);
    }

    @Test
    void concurrentJoinsAndLeavesOfOneRoomEndConsistent() throws InterruptedException {
        int threads = 32;
        int rounds = 500;
        List<Session> stayers = new CopyOnWriteArrayList<>();
        AtomicInteger lostJoins = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Session session = session("c" + t, "user" + t);
            boolean stays = t % 2 == 0;
            if (stays) {
                stayers.add(session);
            }
            workers.add(Thread.ofVirtual().start(() -> {
                awaitQuietly(start);
                for (int i = 0; i < rounds; i++) {
                    registry.join("hot", session);
                    if (!registry.inRoom("hot").contains(session)) {
                        lostJoins.incrementAndGet();
                    }
                    registry.leave("hot", session);
                }
                if (stays) {
                    registry.join("hot", session);
                }
            }));
        }
        start.countDown();
        for (Thread worker : workers) {
            assertThat(worker.join(Duration.ofSeconds(30))).isTrue();
        }

        assertThat(lostJoins).as("joins that did not show in the room").hasValue(0);
        assertThat(registry.inRoom("hot")).containsExactlyInAnyOrderElementsOf(stayers);
        assertThat(registry.roomCount()).isEqualTo(1);
    }

    private Session session(String id, String userId) {
        return new Session(id, new Principal(userId, Set.of()), new SilentTransport(), settings, (session, code) -> { });
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
