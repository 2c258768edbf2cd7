package io.wsfleet.gateway.presence;

/**
 * Presence transitions that no local session caused: the users of a gateway that died without
 * cleaning up, or stale entries found after Redis came back. The node announces them.
 */
public interface PresenceEvents {

    void userLeftRoom(String roomId, String userId);

    void userOffline(String userId);
}
