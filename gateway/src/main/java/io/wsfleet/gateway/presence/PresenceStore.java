package io.wsfleet.gateway.presence;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiPredicate;

/**
 * Who is online and who is in which room, counted per user over all of the user's devices. Each
 * method reports the transition it caused, so that presence events are sent exactly once: a user is
 * online from the first device to the last, and in a room from its first joined device to its last.
 * In memory on one node; kept in Redis with leases across a cluster. Implementations backed by a
 * remote store throw {@link StoreUnavailableException} while it is unreachable.
 */
public interface PresenceStore {

    /**
     * The outcome of recording a device; {@code refused} when the user already had the most allowed;
     * {@code seq} numbers the online transition (see {@link #offline}), 0 when there was none.
     */
    record Connected(boolean added, int devices, boolean refused, long seq) {
        public Connected(boolean added, int devices) {
            this(added, devices, false, 0);
        }

        /** The user just came online. */
        public boolean firstDevice() {
            return added && devices == 1;
        }

        /** Another device of a user who was already online. */
        public boolean additionalDevice() {
            return added && devices > 1;
        }
    }

    /** Records a device (again, harmlessly, if it is recorded already). */
    default Connected connect(String userId, String connectionId) {
        return connect(userId, connectionId, Integer.MAX_VALUE);
    }

    /**
     * Records a device unless the user already has {@code maxDevices} others: counting and recording are
     * one atomic step, so that no number of concurrent calls records more. A device recorded already is
     * recorded again whatever the count.
     */
    Connected connect(String userId, String connectionId, int maxDevices);

    /** Removes a device; true if it was the user's last one, so the user just went offline. */
    default boolean disconnect(String userId, String connectionId) {
        return offline(userId, connectionId) != 0;
    }

    /**
     * Removes a device. If it was the user's last one, returns the sequence number of that transition,
     * else 0. A user's online and offline transitions get increasing sequence numbers, decided in the
     * same atomic step as the transition, so that observers can order a user's events that different
     * gateways published.
     */
    long offline(String userId, String connectionId);

    /** How many devices the user has connected. */
    int devices(String userId);

    /** Which of the users have at least one device connected. */
    default Set<String> online(Collection<String> userIds) {
        Set<String> online = new LinkedHashSet<>();
        for (String userId : userIds) {
            if (devices(userId) > 0) {
                online.add(userId);
            }
        }
        return online;
    }

    /** Records a device in a room; true if the user was not in the room before. */
    boolean join(String roomId, String userId, String connectionId);

    /** Removes a device from a room; true if the user has no device left in the room. */
    boolean leave(String roomId, String userId, String connectionId);

    /** The user ids in a room. */
    Set<String> members(String roomId);

    /**
     * Removes what this node recorded but no longer holds (a connection that ended, or left a room,
     * while the store was unreachable), announcing the transitions. {@code holds} answers for a
     * connection id and a room id, or a null room for the device itself. A store that never loses
     * updates has nothing to do.
     */
    default void removeStale(BiPredicate<String, String> holds, PresenceEvents events) {
    }

    /**
     * Starts keeping this node's entries alive and expiring those of nodes that stopped doing so.
     * A store local to one node has no other nodes to watch.
     */
    default void startLeases(ScheduledExecutorService scheduler, PresenceEvents events, Runnable leaseLost) {
    }
}
