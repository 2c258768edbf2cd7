package io.wsfleet.gateway.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsfleet.gateway.auth.Principal;
import io.wsfleet.gateway.protocol.CloseCode;
import io.wsfleet.gateway.session.Session;
import io.wsfleet.gateway.session.SessionMeters;
import io.wsfleet.gateway.session.SessionSettings;
import io.wsfleet.gateway.support.SilentTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PacedClosesTest {
    private final ExecutorService drain = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SessionSettings settings = new SessionSettings(64 * 1024, Duration.ofSeconds(5), drain, scheduler,
            SessionMeters.register(registry));
    private final Counter closed = registry.counter("closed");

    @AfterEach
    void stopExecutors() {
        drain.shutdownNow();
        scheduler.shutdownNow();
    }

    @Test
    void closesEverySessionWithTheReconnectNowCode() throws InterruptedException {
        List<Session> sessions = sessions(5);
        PacedCloses.run(sessions, moments(5), closed, () -> true);

        assertThat(sessions).allSatisfy(session ->
                assertThat(session.serverCloseCode()).contains(CloseCode.SERVICE_RESTART));
        assertThat(closed.count()).isEqualTo(5);
    }

    @Test
    void stopsAtTheFirstCloseAfterItIsToldToAndLeavesTheRestOpen() throws InterruptedException {
        List<Session> sessions = sessions(6);
        AtomicInteger asked = new AtomicInteger();
        PacedCloses.run(sessions, moments(6), closed, () -> asked.incrementAndGet() <= 2);

        assertThat(sessions.subList(0, 2)).allSatisfy(session -> assertThat(session.serverCloseCode()).isPresent());
        assertThat(sessions.subList(2, 6)).allSatisfy(session -> assertThat(session.serverCloseCode()).isEmpty());
        assertThat(closed.count()).isEqualTo(2);
    }

    private List<Session> sessions(int count) {
        return IntStream.range(0, count).mapToObj(i -> new Session("c" + i, new Principal("u" + i, Set.of()),
                new SilentTransport(), settings, (session, code) -> { })).toList();
    }

    private static List<Duration> moments(int count) {
        return IntStream.range(0, count).mapToObj(i -> Duration.ofMillis(i)).toList();
    }
}
