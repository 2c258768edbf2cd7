package io.wsfleet.bench.fleet;

import java.util.List;
import java.util.Optional;

/** A fleet simulation: its settings, every second's sample, and each phase's outcome. */
public record FleetResult(FleetSettings settings, List<FleetSample> samples, List<PhaseResult> phases,
                          long notRecoveredJoins, long clientsGaveUp) {

    public Optional<PhaseResult> phase(Phase phase) {
        return phases.stream().filter(result -> result.phase() == phase).findFirst();
    }
}
