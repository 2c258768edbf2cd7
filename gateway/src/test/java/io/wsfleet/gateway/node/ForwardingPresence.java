package io.wsfleet.gateway.node;

import java.util.Set;

import io.wsfleet.gateway.presence.MemoryPresence;
import io.wsfleet.gateway.presence.PresenceStore;

/** The in-memory store behind every call, for tests that make some calls fail (they override those). */
class ForwardingPresence implements PresenceStore {
    private final MemoryPresence working = new MemoryPresence();

    @Override
    public Connected connect(String userId, String connectionId, int maxDevices) {
        return working.connect(userId, connectionId, maxDevices);
    }

    @Override
    public long offline(String userId, String connectionId) {
        return working.offline(userId, connectionId);
    }

    @Override
    public int devices(String userId) {
        return working.devices(userId);
    }

    @Override
    public boolean join(String roomId, String userId, String connectionId) {
        return working.join(roomId, userId, connectionId);
    }

    @Override
    public boolean leave(String roomId, String userId, String connectionId) {
        return working.leave(roomId, userId, connectionId);
    }

    @Override
    public Set<String> members(String roomId) {
        return working.members(roomId);
    }
}
