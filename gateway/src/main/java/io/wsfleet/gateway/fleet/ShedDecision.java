package io.wsfleet.gateway.fleet;

import java.util.List;

/**
 * How many connections a gateway closes in one rebalancing round. None while any gateway is draining
 * or not ready (the fleet is busy taking reconnects, or cannot take them), or while this gateway is
 * alone. Otherwise what exceeds the fleet's mean plus the margin, rounded up so that a gateway one
 * connection above an even split does not shed it back and forth, and at most {@code most}.
 *
 * <p>While some gateway is below the mean by more than the margin (one added by a scale-up), every
 * gateway above the mean sheds down to the mean, not just to the margin: the starved one fills only
 * from what the others shed, and gateways just inside the margin would otherwise leave it short for
 * good. No gateway sheds below the mean, so this can end a starvation but never start one.
 */
final class ShedDecision {
    private ShedDecision() {
    }

    /** Whether some gateway is draining or not ready: then nobody sheds, and a shed under way stops. */
    static boolean busy(List<NodeLoad> fleet) {
        return fleet.stream().anyMatch(load -> !load.ready() || load.draining());
    }

    /** {@code fleet} holds every gateway's load, {@code self}'s among them. */
    static int connectionsToShed(NodeLoad self, List<NodeLoad> fleet, int marginPercent, int most) {
        if (fleet.size() < 2 || fleet.stream().noneMatch(load -> load.nodeId().equals(self.nodeId())) || busy(fleet)) {
            return 0;
        }
        long total = fleet.stream().mapToLong(NodeLoad::connections).sum();
        long size = fleet.size();
        // Whole numbers: the upper bound is ceil(mean * (100 + margin) / 100), the lower floor(mean * (100 - margin) / 100).
        long upper = Math.ceilDiv(total * (100 + marginPercent), 100 * size);
        long lower = Math.floorDiv(total * (100 - marginPercent), 100 * size);
        boolean starved = fleet.stream().anyMatch(load -> load.connections() < lower);
        long floor = starved ? Math.ceilDiv(total, size) : upper;
        return (int) Math.max(0, Math.min(self.connections() - floor, most));
    }
}
