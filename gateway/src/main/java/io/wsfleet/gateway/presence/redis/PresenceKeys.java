package io.wsfleet.gateway.presence.redis;

/**
 * Redis keys of presence. The braces are Redis Cluster hash tags: the keys one script touches share
 * a slot (a user's devices; a room's members and per-user device sets; a node's entries and lease).
 */
final class PresenceKeys {
    private final String prefix;

    PresenceKeys(String prefix) {
        this.prefix = prefix;
    }

    /** HASH connection id -> node id: the user's devices on every gateway. */
    String devices(String userId) {
        return "{" + prefix + ":u:" + userId + "}:devices";
    }

    /** HASH connection id -> node id: one user's devices in one room. */
    String roomDevices(String roomId, String userId) {
        return "{" + prefix + ":r:" + roomId + "}:u:" + userId;
    }

    /** SET of user ids in a room. */
    String members(String roomId) {
        return "{" + prefix + ":r:" + roomId + "}:members";
    }

    /** HASH entry -> user id: everything a node recorded, so that another node can undo it. */
    String nodeEntries(String nodeId) {
        return "{" + prefix + ":n:" + nodeId + "}:entries";
    }

    /** A key that lives while the node refreshes it. */
    String nodeLease(String nodeId) {
        return "{" + prefix + ":n:" + nodeId + "}:lease";
    }

    /** SET of the node ids that hold leases (or held one and were not reaped yet). */
    String nodes() {
        return prefix + ":nodes";
    }
}
