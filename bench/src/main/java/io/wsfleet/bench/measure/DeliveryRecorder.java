package io.wsfleet.bench.measure;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import io.wsfleet.bench.client.DeliverySink;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts what the clients receive during one step: deliveries of the step's messages, their
 * delivery latency (from the moment each message was due to be sent, so a late sender does not hide
 * its lateness), duplicates (a sequence a connection has seen already) and frames of earlier steps.
 */
public final class DeliveryRecorder implements DeliverySink {
    private final AtomicLongArray lastSequence;
    private final Recorder latencyMicros = new Recorder(3);
    private final LongAdder delivered = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder late = new LongAdder();
    private volatile int step = -1;

    public DeliveryRecorder(int connections) {
        this.lastSequence = new AtomicLongArray(connections);
        for (int i = 0; i < connections; i++) {
            lastSequence.set(i, -1);
        }
    }

    @Override
    public void received(int connection, String text) {
        Marker marker = Marker.find(text);
        if (marker == null) {
            return;
        }
        long previous = lastSequence.getAndAccumulate(connection, marker.sequence(), Math::max);
        if (marker.sequence() <= previous) {
            duplicates.increment();
            return;
        }
        if (marker.step() != step) {
            late.increment();
            return;
        }
        delivered.increment();
        latencyMicros.recordValue(Math.max(0, (System.nanoTime() - marker.sentNanos()) / 1000));
    }

    /** Starts counting for {@code newStep}; what arrived before is forgotten. */
    public void begin(int newStep) {
        step = newStep;
        delivered.reset();
        duplicates.reset();
        late.reset();
        latencyMicros.reset();
    }

    public long delivered() {
        return delivered.sum();
    }

    public long duplicates() {
        return duplicates.sum();
    }

    public long late() {
        return late.sum();
    }

    /** The latencies recorded since {@link #begin}, in microseconds. */
    public Histogram latency() {
        return latencyMicros.getIntervalHistogram();
    }
}
