package io.wsfleet.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsfleet.gateway.auth.Principal;
import io.wsfleet.gateway.protocol.CloseCode;
import io.wsfleet.gateway.protocol.MessageType;
import io.wsfleet.gateway.protocol.OutboundFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionWriterTest {
    private static final Duration LONG_GRACE = Duration.ofMinutes(5);

    private final ExecutorService drain = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<CloseCode> closings = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SessionMeters meters = SessionMeters.register(registry);

    @AfterEach
    void stopExecutors() {
        drain.shutdownNow();
        scheduler.shutdownNow();
    }

    @Test
    void writesFramesInOfferOrder() {
        FakeTransport transport = new FakeTransport();
        SessionWriter writer = writer(transport, 1 << 20, LONG_GRACE);
        List<String> expected = IntStream.range(0, 500).mapToObj(i -> "frame-" + i).toList();

        expected.forEach(text -> assertThat(writer.offer(frame(text))).isTrue());

        await().until(() -> transport.texts().size() == expected.size());
        assertThat(transport.texts()).containsExactlyElementsOf(expected);
        assertThat(transport.concurrentSends()).isZero();
    }

    @Test
    void framesQueuedDuringAWriteGoOutTogetherInOrderUpToTheBatchBound() throws InterruptedException {
        FakeTransport transport = FakeTransport.blocked();
        SessionWriter writer = writer(transport, 1 << 20, LONG_GRACE);
        writer.offer(frame("in-flight"));
        await().until(() -> transport.sendAttempts() == 1);
        // ten frames of 10,000 bytes queue behind it: six fit in one write's 64 KiB, four in the next
        List<OutboundFrame> queued = IntStream.range(0, 10).mapToObj(i -> frame("queued-" + i + "-", 10_000)).toList();
        queued.forEach(writer::offer);

        transport.release();

        await().until(() -> transport.texts().size() == 11);
        quiesce();
        assertThat(transport.writes()).containsExactly(1, 6, 4);
        assertThat(transport.texts().subList(1, 11)).containsExactlyElementsOf(queued.stream().map(OutboundFrame::text).toList());
        assertThat(registry.get("wsfleet.messages.delivered").tag("type", "notification").counter().count()).isEqualTo(11);
    }

    @Test
    void concurrentPublishersAreWrittenOneAtATimeEachInItsOwnOrder() throws InterruptedException {
        FakeTransport transport = new FakeTransport();
        SessionWriter writer = writer(transport, 1 << 20, LONG_GRACE);
        int publishers = 8;
        int frames = 200;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            String name = "p" + p + "-";
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < frames; i++) {
                    writer.offer(frame(name + i));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        await().until(() -> transport.texts().size() == publishers * frames);
        assertThat(transport.concurrentSends()).isZero();
        for (int p = 0; p < publishers; p++) {
            String name = "p" + p + "-";
            assertThat(transport.texts().stream().filter(text -> text.startsWith(name)))
                    .containsExactlyElementsOf(IntStream.range(0, frames).mapToObj(i -> name + i).toList());
        }
    }

    @Test
    void queueOverflowClosesTheSlowConsumerOnce() throws InterruptedException {
        FakeTransport transport = FakeTransport.blocked();
        SessionWriter writer = writer(transport, 100, LONG_GRACE);
        assertThat(writer.offer(frame("in-flight", 50))).isTrue();
        await().until(() -> transport.sendAttempts() == 1);

        assertThat(writer.offer(frame("a", 50))).isTrue();
        assertThat(writer.offer(frame("b", 50))).isTrue();
        assertThat(writer.queuedBytes()).isEqualTo(100);
        assertThat(writer.offer(frame("c", 1))).as("one byte over the bound").isFalse();
        assertThat(writer.queuedBytes()).isZero();
        assertThat(writer.offer(frame("d", 1))).as("offered while closing").isFalse();
        writer.close(CloseCode.SERVICE_RESTART);

        transport.release();
        await().until(() -> transport.closeCodes().size() == 1);
        quiesce();
        assertThat(transport.events()).containsExactly("text:" + frame("in-flight", 50).text(), "close:4100");
        assertThat(closings).containsExactly(CloseCode.SLOW_CONSUMER);
        assertThat(registry.get("wsfleet.slow.client.closes").counter().count()).isEqualTo(1);
        assertThat(registry.get("wsfleet.outbound.dropped.frames").counter().count())
                .as("a, b and the overflowing c").isEqualTo(3);
    }

    @Test
    void publishedFramesAreTimedFromTheirServerTimestampAndAnswersOnlyCounted() {
        FakeTransport transport = new FakeTransport();
        SessionWriter writer = writer(transport, 1 << 20, LONG_GRACE);
        long now = System.currentTimeMillis();

        writer.offer(OutboundFrame.of("published 2 s ago", MessageType.ROOM_MESSAGE, now - 2_000));
        writer.offer(OutboundFrame.of("an ack", MessageType.ACK, now - 60_000));

        await().until(() -> transport.texts().size() == 2);
        await().until(() -> registry.get("wsfleet.messages.delivered").tag("type", "ack").counter().count() == 1);
        Timer latency = registry.get("wsfleet.delivery.latency").timer();
        assertThat(latency.count()).as("only the published frame is timed").isEqualTo(1);
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isBetween(2_000.0, 60_000.0);
        assertThat(registry.get("wsfleet.messages.delivered").tag("type", "room_message").counter().count()).isEqualTo(1);
        assertThat(registry.get("wsfleet.outbound").counter().count())
                .isEqualTo("published 2 s ago".length() + "an ack".length());
    }

    @Test
    void closeWritesTheQueuedFramesBeforeTheCloseFrame() throws InterruptedException {
        FakeTransport transport = FakeTransport.blocked();
        SessionWriter writer = writer(transport, 1 << 20, LONG_GRACE);
        writer.offer(frame("one"));
        await().until(() -> transport.sendAttempts() == 1);
        writer.offer(frame("two"));
        writer.offer(frame("three"));

        writer.close(CloseCode.SERVICE_RESTART);
        assertThat(writer.offer(frame("after close"))).isFalse();
        transport.release();

        await().until(() -> transport.closeCodes().size() == 1);
        quiesce();
        assertThat(transport.events()).containsExactly("text:one", "text:two", "text:three", "close:1012");
        assertThat(closings).containsExactly(CloseCode.SERVICE_RESTART);
    }

    @Test
    void framesOfferedAfterCloseAreRefused() throws InterruptedException {
        FakeTransport transport = new FakeTransport();
        SessionWriter writer = writer(transport, 1 << 20, LONG_GRACE);

        writer.close(CloseCode.MESSAGE_TOO_BIG);
        writer.close(CloseCode.INTERNAL_ERROR);

        assertThat(writer.offer(frame("late"))).isFalse();
        await().until(() -> transport.closeCodes().size() == 1);
        quiesce();
        assertThat(transport.events()).containsExactly("close:1009");
        assertThat(closings).containsExactly(CloseCode.MESSAGE_TOO_BIG);
    }

    @Test
    void aFrameLargerThanTheBoundIsWrittenWhenTheQueueIsEmpty() throws InterruptedException {
        FakeTransport transport = new FakeTransport();
        SessionWriter writer = writer(transport, 10, LONG_GRACE);
        OutboundFrame large = frame("large", 1_000);

        assertThat(writer.offer(large)).isTrue();

        await().until(() -> transport.texts().size() == 1);
        quiesce();
        assertThat(transport.events()).containsExactly("text:" + large.text());
        assertThat(closings).isEmpty();
        assertThat(writer.queuedBytes()).isZero();
    }

    @Test
    void transportFailureStopsTheWriterWithoutReachingThePublisher() throws InterruptedException {
        FakeTransport transport = FakeTransport.failing();
        SessionWriter writer = writer(transport, 1 << 20, LONG_GRACE);

        assertThatCode(() -> assertThat(writer.offer(frame("first"))).isTrue()).doesNotThrowAnyException();
        await().until(() -> transport.sendAttempts() == 1);
        quiesce();

        assertThat(writer.offer(frame("second"))).isFalse();
        assertThat(writer.queuedBytes()).isZero();
        assertThat(transport.sendAttempts()).isEqualTo(1);
        assertThat(transport.events()).isEmpty();
    }

    @Test
    void aReaderThatNeverTakesTheCloseFrameIsAbortedAfterTheGracePeriod() {
        FakeTransport transport = FakeTransport.blocked();
        SessionWriter writer = writer(transport, 1 << 20, Duration.ofMillis(50));
        writer.offer(frame("stuck"));
        await().until(() -> transport.sendAttempts() == 1);

        writer.close(CloseCode.SERVICE_RESTART);

        await().atMost(Duration.ofSeconds(10)).until(() -> transport.events().contains("abort"));
        assertThat(transport.closeCodes()).isEmpty();
        transport.release();
    }

    @Test
    void sessionPassesItselfAndTheCodeToOnClosing() {
        List<String> seen = new CopyOnWriteArrayList<>();
        FakeTransport transport = new FakeTransport();
        Session session = new Session("c1", new Principal("alice", Set.of()), transport,
                new SessionSettings(1024, LONG_GRACE, drain, scheduler, meters),
                (closing, code) -> seen.add(closing.id() + ":" + code));

        assertThat(session.send(frame("hello"))).isTrue();
        session.close(CloseCode.SERVICE_RESTART);

        await().until(() -> seen.size() == 1 && transport.closeCodes().size() == 1);
        assertThat(seen).containsExactly("c1:SERVICE_RESTART");
        assertThat(transport.events()).containsExactly("text:hello", "close:1012");
    }

    private SessionWriter writer(Transport transport, int bound, Duration grace) {
        return new SessionWriter(transport, new SessionSettings(bound, grace, drain, scheduler, meters), closings::add);
    }

    /** Waits for every task the writer handed to the drain executor (drains, onClosing callbacks). */
    private void quiesce() throws InterruptedException {
        drain.shutdown();
        assertThat(drain.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aPingIsWrittenOnlyWhenNothingElseIs() {
        FakeTransport transport = FakeTransport.blocked();
        SessionWriter writer = writer(transport, 1 << 20, LONG_GRACE);

        writer.ping();
        await().until(() -> transport.events().contains("ping"));

        writer.offer(frame("busy"));
        await().until(() -> transport.sendAttempts() == 1);
        writer.ping(); // the writer is busy: a frame is going out anyway
        transport.release();
        await().until(() -> transport.events().contains("text:busy"));
        assertThat(transport.events()).containsExactly("ping", "text:busy");
    }

    private static OutboundFrame frame(String text) {
        return OutboundFrame.of(text, MessageType.NOTIFICATION, System.currentTimeMillis());
    }

    /** An ASCII frame of exactly {@code bytes} bytes. */
    private static OutboundFrame frame(String name, int bytes) {
        OutboundFrame frame = frame((name + ".".repeat(bytes)).substring(0, bytes));
        assertThat(frame.bytes()).isEqualTo(bytes);
        return frame;
    }

    /** Records every call in order, and how many frames each write took; a write can be held at a gate or made to fail. */
    private static final class FakeTransport implements Transport {
        private final List<String> events = new CopyOnWriteArrayList<>();
        private final List<Integer> writes = new CopyOnWriteArrayList<>();
        private final AtomicInteger sendAttempts = new AtomicInteger();
        private final AtomicInteger inside = new AtomicInteger();
        private final AtomicInteger concurrentSends = new AtomicInteger();
        private final CountDownLatch gate;
        private final boolean fail;

        FakeTransport() {
            this(new CountDownLatch(0), false);
        }

        private FakeTransport(CountDownLatch gate, boolean fail) {
            this.gate = gate;
            this.fail = fail;
        }

        static FakeTransport blocked() {
            return new FakeTransport(new CountDownLatch(1), false);
        }

        static FakeTransport failing() {
            return new FakeTransport(new CountDownLatch(0), true);
        }

        void release() {
            gate.countDown();
        }

        @Override
        public void ping() {
            events.add("ping");
        }

        @Override
        public void send(List<OutboundFrame> frames) {
            if (inside.incrementAndGet() > 1) {
                concurrentSends.incrementAndGet();
            }
            try {
                sendAttempts.incrementAndGet();
                gate.await();
                if (fail) {
                    throw new IllegalStateException("socket closed");
                }
                writes.add(frames.size());
                frames.forEach(frame -> events.add("text:" + frame.text()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inside.decrementAndGet();
            }
        }

        @Override
        public void close(int code, String reason) {
            events.add("close:" + code);
        }

        @Override
        public void abort() {
            events.add("abort");
        }

        List<String> events() {
            return List.copyOf(events);
        }

        List<String> texts() {
            return events.stream().filter(e -> e.startsWith("text:")).map(e -> e.substring(5)).toList();
        }

        List<String> closeCodes() {
            return events.stream().filter(e -> e.startsWith("close:")).toList();
        }

        /** The number of frames of each write, in order. */
        List<Integer> writes() {
            return List.copyOf(writes);
        }

        int sendAttempts() {
            return sendAttempts.get();
        }

        int concurrentSends() {
            return concurrentSends.get();
        }
    }
}
