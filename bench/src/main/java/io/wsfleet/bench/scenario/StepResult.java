package io.wsfleet.bench.scenario;

import io.wsfleet.bench.SystemKind;
import io.wsfleet.bench.proc.ProcessSample.Cpu;

/**
 * One step of offered load on one system: what was sent, what arrived, how fast, and what it cost
 * the servers. Latencies are in milliseconds; CPU and the gateways' collector pauses cover the step and
 * its drain.
 */
public record StepResult(SystemKind system, int roomSize, int connections, double offeredMessagesPerSecond,
                         long expected, long delivered, long duplicates, long late, double seconds,
                         double p50, double p99, double p999, double max, Cpu serverCpu, Cpu clientCpu,
                         GcPauses gatewayPauses) {

    /** The latency budget of a clean step: the seed's average, as a p99. */
    public static final double P99_BUDGET_MS = 50;

    public long lost() {
        return Math.max(0, expected - delivered);
    }

    public boolean clean() {
        return lost() == 0 && duplicates == 0 && p99 <= P99_BUDGET_MS;
    }

    public double deliveredPerSecond() {
        return delivered / seconds;
    }

    /** Delivered frames per server CPU-second (user + system). */
    public double efficiency() {
        return delivered / serverCpu.totalSeconds();
    }

    public double userMicrosPerFrame() {
        return serverCpu.userSeconds() * 1e6 / delivered;
    }

    public double systemMicrosPerFrame() {
        return serverCpu.systemSeconds() * 1e6 / delivered;
    }
}
