package io.wsfleet.bench.fleet;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What one phase of a fleet simulation did to the clients: the messages published in it (confirmed by
 * the publish API, and calls that failed), the deliveries owed for them, how many of those never came
 * (lost) or came twice, the p50/p99 latency of the deliveries that arrived during the phase (ms), the
 * p99 of the live ones alone and how many were replays after a reconnect (whose latency includes the
 * time their client was away), the
 * clients' reconnects, and the most connections any gateway accepted in one second. For a drain, the
 * bound its window sets on that rate; for the scale-up, how long until every gateway was within
 * {@link FleetSettings#EVEN_WITHIN} of the mean.
 */
public record PhaseResult(Phase phase, double fromSeconds, double toSeconds, long confirmed, long failedPublishes,
                          long owed, long lost, long duplicates, double p50Millis, double p99Millis,
                          double p99LiveMillis, long replayedDeliveries, long reconnects,
                          double peakAcceptedPerSecond, OptionalLong reconnectBound, OptionalDouble secondsToEven) {
}
