package io.wsfleet.gateway.presence;

import java.util.Set;

/**
 * Who is online and who is in which room, counted per user over all of the user's devices. Each
 * method reports the transition it caused, so that presence events are sent exactly once: a user is
 * online from the first device to the last, and in a room from its first joined device to its last.
 * In memory on one node; kept in Redis with leases across a cluster.
 */
public interface PresenceStore {

    /** Records a device; returns the user's device count including it. */
    int connect(String userId, String connectionId);

    /** Removes a device; returns how many devices the user still has. */
    int disconnect(String userId, String connectionId);

    /** How many devices the user has connected. */
    int devices(String userId);

    /** Records a device in a room; true if the user was not in the room before. */
    boolean join(String roomId, String userId, String connectionId);

    /** Removes a device from a room; true if the user has no device left in the room. */
    boolean leave(String roomId, String userId, String connectionId);

    /** The user ids in a room. */
    Set<String> members(String roomId);

    /** How many users are online. */
    int onlineUsers();
}
