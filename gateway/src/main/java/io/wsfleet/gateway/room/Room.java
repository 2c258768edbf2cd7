package io.wsfleet.gateway.room;

import java.util.Set;

/** A room as the directory knows it: its type and, for private rooms, the user ids of its members. */
public record Room(String id, RoomType type, Set<String> members) {

    public Room {
        members = Set.copyOf(members);
    }
}
