package io.wsfleet.bench.scenario;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import io.wsfleet.bench.measure.DeliveryRecorder;
import io.wsfleet.bench.measure.Marker;
import io.wsfleet.bench.proc.ProcessSample;
import io.wsfleet.bench.proc.ProcessSample.Cpu;
import org.HdrHistogram.Histogram;

/**
 * Offers load open-loop: message {@code k} is due at {@code start + k / rate} whatever happened to the
 * ones before, goes to room {@code k mod rooms}, and carries its due time, so a server (or a client)
 * that falls behind shows up as latency rather than as a slower offer. After the step the runner waits
 * for the deliveries to drain, then reads counts, latencies and CPU.
 */
final class StepRunner {
    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofSeconds(1);

    private final Deployment deployment;
    private final RoomLoad load;
    private final DeliveryRecorder recorder;
    private final int messageBytes;
    private final long[] nextSequence;
    private int step;

    StepRunner(Deployment deployment, RoomLoad load, DeliveryRecorder recorder, int messageBytes) {
        this.deployment = deployment;
        this.load = load;
        this.recorder = recorder;
        this.messageBytes = messageBytes;
        this.nextSequence = new long[load.rooms()];
    }

    /** Offers {@code deliveriesPerSecond} (messages per second times room size) for {@code duration}. */
    StepResult run(double deliveriesPerSecond, Duration duration) {
        double messagesPerSecond = deliveriesPerSecond / load.roomSize();
        long total = Math.max(1, Math.round(messagesPerSecond * duration.toNanos() / 1e9));
        double intervalNanos = 1e9 / messagesPerSecond;
        int current = ++step;
        recorder.begin(current);
        List<ProcessSample> serverBefore = deployment.sample();
        ProcessSample clientBefore = ProcessSample.of(ProcessHandle.current().pid());
        GcPauses pausesBefore = deployment.gatewayPauses();
        long start = System.nanoTime() + 1_000_000;
        for (long k = 0; k < total; k++) {
            long due = start + (long) (k * intervalNanos);
            long wait = due - System.nanoTime();
            if (wait > 50_000) {
                LockSupport.parkNanos(wait);
            }
            int room = (int) (k % load.rooms());
            load.publish(room, new Marker(current, due, room, nextSequence[room]++).encode(messageBytes));
        }
        long expected = total * load.roomSize();
        awaitDrain(expected);
        double seconds = (System.nanoTime() - start) / 1e9;
        Cpu server = Cpu.NONE;
        List<ProcessSample> serverAfter = deployment.sample();
        for (int i = 0; i < serverAfter.size(); i++) {
            server = server.plus(serverAfter.get(i).cpuSince(serverBefore.get(i)));
        }
        Cpu client = ProcessSample.of(ProcessHandle.current().pid()).cpuSince(clientBefore);
        GcPauses pauses = deployment.gatewayPauses().since(pausesBefore);
        Histogram latency = recorder.latency();
        return new StepResult(deployment.kind(), load.roomSize(), load.connections(), messagesPerSecond, expected,
                recorder.delivered(), recorder.duplicates(), recorder.late(), seconds,
                millis(latency, 50), millis(latency, 99), millis(latency, 99.9), latency.getMaxValue() / 1000.0,
                server, client, pauses);
    }

    /** Waits until everything arrived, or nothing arrived for a while, or the drain time ran out. */
    private void awaitDrain(long expected) {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        long seen = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && recorder.delivered() < expected) {
            long now = recorder.delivered();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > QUIET.toNanos()) {
                return;
            }
            LockSupport.parkNanos(10_000_000);
        }
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
