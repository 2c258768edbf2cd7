package io.wsfleet.gateway.fleet;

import java.util.Optional;

/**
 * What one gateway tells the fleet about itself: its open connections, whether it is ready (accepts
 * connections, reaches its broker) and whether it is draining. Stored as {@code "<connections> <ready>
 * <draining>"}, e.g. {@code "120 1 0"}.
 */
public record NodeLoad(String nodeId, int connections, boolean ready, boolean draining) {

    String encode() {
        return connections + " " + (ready ? 1 : 0) + " " + (draining ? 1 : 0);
    }

    /** Empty for a value this version cannot read (written by a newer one, or damaged): it is left out. */
    static Optional<NodeLoad> parse(String nodeId, String value) {
        String[] parts = value.split(" ");
        if (parts.length < 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NodeLoad(nodeId, Integer.parseInt(parts[0]), parts[1].equals("1"), parts[2].equals("1")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
