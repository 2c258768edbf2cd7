package io.wsfleet.bench.fleet;

import java.util.List;
import java.util.Map;

/**
 * One second of a fleet simulation: when (seconds since the timeline started) and in which phase; the
 * gateways whose process runs, and of those that answered in time their open connections and the
 * connections each accepted per second (reconnects, in a fleet whose clients are all connected); the clients in their rooms, their reconnects and deliveries per
 * second and the p99 of those deliveries' latency (ms), and of the live ones alone (replays after a
 * reconnect left out); and the machine's one-minute load average.
 */
public record FleetSample(double seconds, Phase phase, List<String> running, Map<String, Integer> connections,
                          Map<String, Double> acceptedPerSecond, int clientsInRoom, double reconnectsPerSecond,
                          double deliveriesPerSecond, double p99Millis, double p99LiveMillis,
                          double loadAverage) {

    /** The largest distance of a gateway's connections from the fleet's mean, as a fraction of the mean. */
    public double spread() {
        double mean = connections.values().stream().mapToInt(Integer::intValue).average().orElse(0);
        return mean == 0 ? 0 : connections.values().stream().mapToDouble(count -> Math.abs(count - mean) / mean)
                .max().orElse(0);
    }
}
