package io.wsfleet.bench.fleet;

import java.util.Map;

/**
 * One second of a fleet simulation: when (seconds since the stream started) and in which phase; each
 * running gateway's open connections and the connections it accepted per second (reconnects, in a fleet
 * whose clients are all connected); the clients in their rooms, their reconnects and deliveries per
 * second and the p99 of those deliveries' latency (ms); and the machine's one-minute load average.
 */
public record FleetSample(double seconds, Phase phase, Map<String, Integer> connections,
                          Map<String, Double> acceptedPerSecond, int clientsInRoom, double reconnectsPerSecond,
                          double deliveriesPerSecond, double p99Millis, double loadAverage) {

    /** The largest distance of a gateway's connections from the fleet's mean, as a fraction of the mean. */
    public double spread() {
        double mean = connections.values().stream().mapToInt(Integer::intValue).average().orElse(0);
        return mean == 0 ? 0 : connections.values().stream().mapToDouble(count -> Math.abs(count - mean) / mean)
                .max().orElse(0);
    }
}
