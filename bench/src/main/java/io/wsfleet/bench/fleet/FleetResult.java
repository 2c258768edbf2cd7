package io.wsfleet.bench.fleet;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fleet simulation: its settings, every second's sample, each phase's outcome, joins answered without
 * recovery, clients that gave up, and joins refused by error code (each retryable one asked again).
 */
public record FleetResult(FleetSettings settings, List<FleetSample> samples, List<PhaseResult> phases,
                          long notRecoveredJoins, long clientsGaveUp, Map<String, Long> refusedJoins) {

    public Optional<PhaseResult> phase(Phase phase) {
        return phases.stream().filter(result -> result.phase() == phase).findFirst();
    }
}
