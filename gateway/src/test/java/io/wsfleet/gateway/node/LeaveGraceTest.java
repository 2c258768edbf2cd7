package io.wsfleet.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeaveGraceTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<LeaveGrace.Pending> made = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aHeldLeaveIsMadeOnceWhenItsGraceEndsAndHoldsItsRoomsUntilThen() throws Exception {
        LeaveGrace grace = new LeaveGrace(Duration.ofMillis(400), timer, made::add);
        Instant heldAt = Instant.now();
        grace.hold("c1", "alice", List.of("lobby", "news"), Optional.empty());

        assertThat(grace.holds("c1", "lobby")).isTrue();
        assertThat(grace.holds("c1", "news")).isTrue();
        assertThat(grace.holds("c1", "elsewhere")).isFalse();
        assertThat(grace.holds("c2", "lobby")).isFalse();
        assertThat(grace.size()).isEqualTo(1);
        assertThat(made).isEmpty();

        await().until(() -> !made.isEmpty());
        assertThat(Duration.between(heldAt, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(made).singleElement().satisfies(leave -> {
            assertThat(leave.connectionId()).isEqualTo("c1");
            assertThat(leave.userId()).isEqualTo("alice");
            assertThat(leave.rooms()).containsExactly("lobby", "news");
        });
        assertThat(grace.holds("c1", "lobby")).isFalse();
        assertThat(grace.size()).isZero();
        Thread.sleep(200);
        assertThat(made).hasSize(1);
    }

    @Test
    void finishingMakesTheLeavesThatWouldOutlastTheDeadlineAtOnce() throws Exception {
        LeaveGrace grace = new LeaveGrace(Duration.ofHours(1), timer, made::add);
        grace.hold("c1", "alice", List.of("lobby"), Optional.empty());
        grace.hold("c2", "bob", List.of("lobby"), Optional.empty());
        long started = System.nanoTime();

        grace.finish(Instant.now().plusMillis(500));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(made).extracting(LeaveGrace.Pending::connectionId).containsExactlyInAnyOrder("c1", "c2");
        assertThat(grace.size()).isZero();
    }

    @Test
    void finishingWaitsForLeavesWhoseGraceEndsBeforeTheDeadlineNoLonger() throws Exception {
        LeaveGrace grace = new LeaveGrace(Duration.ofMillis(300), timer, made::add);
        grace.hold("c1", "alice", List.of("lobby"), Optional.empty());
        long started = System.nanoTime();

        grace.finish(Instant.now().plusSeconds(30));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(250)).isLessThan(Duration.ofSeconds(10));
        assertThat(made).extracting(LeaveGrace.Pending::connectionId).containsExactly("c1");
    }

    @Test
    void aLeaveHeldOnceTheGatewayFinishesIsMadeAtOnce() throws Exception {
        LeaveGrace grace = new LeaveGrace(Duration.ofHours(1), timer, made::add);
        grace.finish(Instant.now());

        grace.hold("late", "carol", List.of("lobby"), Optional.empty());

        assertThat(made).extracting(LeaveGrace.Pending::connectionId).containsExactly("late");
        assertThat(grace.size()).isZero();
    }

    @Test
    void aZeroGraceIsOff() {
        assertThat(new LeaveGrace(Duration.ZERO, timer, made::add).enabled()).isFalse();
        assertThat(new LeaveGrace(Duration.ofSeconds(1), timer, made::add).enabled()).isTrue();
    }
}
