package io.wsfleet.bench.fleet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import io.wsfleet.bench.measure.Marker;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What all the fleet's clients saw, counted as it happens (on the clients' I/O threads): deliveries and
 * their latency from the moment each message was due to be published (all of them, and the live ones
 * alone: a replay after a reconnect carries the time its client was away), duplicates by the phase their
 * message was published in, reconnects, joins answered without recovery, and how many clients are in
 * their room right now.
 */
final class ClientCounts {
    // Disjoint, so that every interval's "all" (both merged) holds its live deliveries: two recorders of
    // overlapping sets, read one after the other, let a delivery fall into different intervals of each.
    private final Recorder liveLatencyMicros = new Recorder(3);
    private final Recorder replayedLatencyMicros = new Recorder(3);
    private final LongAdder delivered = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder notRecovered = new LongAdder();
    private final LongAdder terminal = new LongAdder();
    private final AtomicLongArray duplicates = new AtomicLongArray(Phase.values().length);
    private final AtomicInteger joined = new AtomicInteger();
    private final Map<String, LongAdder> refusedJoins = new ConcurrentHashMap<>();

    /** @param replayed the message was published while its client was away, and came in a join's replay */
    void delivered(Marker marker, boolean replayed) {
        delivered.increment();
        long micros = Math.max(0, (System.nanoTime() - marker.sentNanos()) / 1000);
        (replayed ? replayedLatencyMicros : liveLatencyMicros).recordValue(micros);
    }

    void duplicate(Marker marker) {
        duplicates.incrementAndGet(marker.step());
    }

    void reconnected() {
        reconnects.increment();
    }

    /** A join that asked with {@code since} was answered {@code recovered: false}: the client may have missed messages. */
    void notRecovered() {
        notRecovered.increment();
    }

    /** A join was answered with an {@code error} of this code. */
    void joinRefused(String code) {
        refusedJoins.computeIfAbsent(code, any -> new LongAdder()).increment();
    }

    Map<String, Long> refusedJoins() {
        Map<String, Long> counted = new java.util.TreeMap<>();
        refusedJoins.forEach((code, count) -> counted.put(code, count.sum()));
        return counted;
    }

    /** A socket ended with a terminal code: the client gave up, as the SDK does. */
    void gaveUp() {
        terminal.increment();
    }

    void joined() {
        joined.incrementAndGet();
    }

    void left() {
        joined.decrementAndGet();
    }

    long delivered() {
        return delivered.sum();
    }

    long reconnects() {
        return reconnects.sum();
    }

    long notRecoveredJoins() {
        return notRecovered.sum();
    }

    long gaveUpCount() {
        return terminal.sum();
    }

    long duplicates(Phase phase) {
        return duplicates.get(phase.ordinal());
    }

    /** Clients whose join was answered on the socket they have now. */
    int inRoom() {
        return joined.get();
    }

    /** Delivery latencies of one interval, in microseconds: of every delivery, and of the live ones (no replay). */
    record Latencies(Histogram all, Histogram live) {
    }

    /** The latencies recorded since the last call. */
    Latencies latenciesSinceLastCall() {
        Histogram live = liveLatencyMicros.getIntervalHistogram();
        Histogram all = replayedLatencyMicros.getIntervalHistogram();
        all.add(live);
        return new Latencies(all, live);
    }
}
