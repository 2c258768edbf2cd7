package io.wsfleet.bench.fleet;

import java.time.Duration;
import java.util.Map;

/**
 * The fleet simulation's load and the gateways' fleet settings: {@code gateways} at the start (and after
 * the rolling restart), {@code connections} clients in rooms of {@code roomSize}, {@code messagesPerSecond}
 * publications spread over the rooms; the drain (deregistration delay, window) and rebalancing (presence
 * lease, whose quarter is the rebalancing period, margin, shed rate) as the gateways are configured;
 * {@code rebalanceBudget}, the time a scale-up is given to even out; how long the steady phase lasts and
 * how long the fleet settles after each scenario.
 */
public record FleetSettings(int gateways, int connections, int roomSize, double messagesPerSecond, int messageBytes,
                            Duration drainDelay, Duration drainWindow, Duration presenceLease, int marginPercent,
                            int maxShedsPerSecond, Duration rebalanceBudget, Duration steady, Duration settle) {

    /** How far from the fleet's mean every gateway must be after a scale-up (the target). */
    public static final double EVEN_WITHIN = 0.15;

    public FleetSettings {
        if (gateways < 2 || connections % roomSize != 0) {
            throw new IllegalArgumentException("the fleet needs 2 or more gateways and connections in whole rooms");
        }
    }

    public int rooms() {
        return connections / roomSize;
    }

    /** One drain: the deregistration delay and the window, the operator's {@code minReadySeconds} without preStop. */
    public Duration drainLength() {
        return drainDelay.plus(drainWindow);
    }

    /** The most reconnects per second a drain of {@code connections} sends to the rest of the fleet. */
    public long drainReconnectBound(int connections) {
        long seconds = Math.max(1, drainWindow.toSeconds());
        return (connections + seconds - 1) / seconds;
    }

    /** The gateways' settings (environment variables) for the fleet's behaviour. */
    Map<String, String> gatewayEnvironment(String apiKey) {
        return Map.of(
                "PROXY_PROTOCOL", "true",
                "PUBLISH_API_KEY", apiKey,
                "REBALANCE_ENABLED", "true",
                "REBALANCE_MARGIN_PERCENT", String.valueOf(marginPercent),
                "REBALANCE_MAX_SHEDS_PER_SECOND", String.valueOf(maxShedsPerSecond),
                "PRESENCE_LEASE_SECONDS", String.valueOf(presenceLease.toSeconds()),
                "DRAIN_DEREGISTRATION_DELAY_SECONDS", String.valueOf(drainDelay.toSeconds()),
                "DRAIN_WINDOW_SECONDS", String.valueOf(drainWindow.toSeconds()));
    }
}
