package io.wsfleet.gateway.room;

import java.util.Optional;

/**
 * The rooms the platform knows (type and members). In memory on one node, seeded from a file; a
 * Redis-backed directory shares it across the cluster.
 */
public interface RoomDirectory {

    Optional<Room> find(String roomId);

    /** Adds or replaces a room. */
    void put(Room room);
}
