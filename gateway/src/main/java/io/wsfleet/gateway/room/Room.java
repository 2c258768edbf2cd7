package io.wsfleet.gateway.room;

import java.util.Set;

/**
 * A room as the directory knows it: its type, for private rooms the user ids of its members, whether
 * its messages cross Redis encrypted, and its own history settings.
 */
public record Room(String id, RoomType type, Set<String> members, boolean encrypted, RoomHistory history) {

    public Room {
        members = Set.copyOf(members);
    }

    public Room(String id, RoomType type, Set<String> members, boolean encrypted) {
        this(id, type, members, encrypted, RoomHistory.DEFAULTS);
    }

    public Room(String id, RoomType type, Set<String> members) {
        this(id, type, members, false);
    }
}
