package io.wsfleet.gateway.presence;

import java.util.Collection;

/**
 * Presence transitions that no local session caused: the users of a gateway that died without
 * cleaning up, or stale entries found after Redis came back. The node announces them.
 */
public interface PresenceEvents {

    void userLeftRoom(String roomId, String userId);

    /** The user's last device is gone; {@code rooms} are those it had been in ({@code seq}: see {@link PresenceStore#offline}). */
    void userOffline(String userId, long seq, Collection<String> rooms);
}
