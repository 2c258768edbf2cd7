package io.wsfleet.gateway.fleet;

import java.util.List;

/**
 * How many connections a gateway closes in one rebalancing round. None while any gateway is draining
 * or not ready (the fleet is busy taking reconnects, or cannot take them), or while this gateway is
 * alone. Otherwise what exceeds the fleet's mean plus the margin, rounded up so that a gateway one
 * connection above an even split does not shed it back and forth, and at most {@code most}.
 */
final class ShedDecision {
    private ShedDecision() {
    }

    /** {@code fleet} holds every gateway's load, {@code self}'s among them. */
    static int connectionsToShed(NodeLoad self, List<NodeLoad> fleet, int marginPercent, int most) {
        if (fleet.size() < 2 || fleet.stream().noneMatch(load -> load.nodeId().equals(self.nodeId()))
                || fleet.stream().anyMatch(load -> !load.ready() || load.draining())) {
            return 0;
        }
        long total = fleet.stream().mapToLong(NodeLoad::connections).sum();
        // ceil(total / size * (100 + margin) / 100) in whole numbers.
        long bound = (total * (100 + marginPercent) + 100L * fleet.size() - 1) / (100L * fleet.size());
        long excess = self.connections() - bound;
        return (int) Math.max(0, Math.min(excess, most));
    }
}
