package io.wsfleet.gateway.room;

import io.wsfleet.gateway.auth.Principal;
import io.wsfleet.gateway.config.GatewayConfig.UnknownRoomPolicy;

/**
 * Who may join which room: public rooms admit anyone authenticated; private rooms admit users listed
 * as members in the directory or granted the room by their token's {@code rooms} claim; rooms the
 * directory does not know follow the configured {@link UnknownRoomPolicy}.
 */
public final class AccessPolicy {
    /** The outcome of a join request. */
    public enum Access { ALLOWED, FORBIDDEN, NOT_FOUND }

    private final RoomDirectory directory;
    private final UnknownRoomPolicy unknownRooms;

    public AccessPolicy(RoomDirectory directory, UnknownRoomPolicy unknownRooms) {
        this.directory = directory;
        this.unknownRooms = unknownRooms;
    }

    public Access check(Principal principal, String roomId) {
        return directory.find(roomId)
                .map(room -> room.type() == RoomType.PUBLIC || isMember(principal, room)
                        ? Access.ALLOWED : Access.FORBIDDEN)
                .orElseGet(() -> unknownRoom(principal, roomId));
    }

    private Access unknownRoom(Principal principal, String roomId) {
        // A token that names the room grants it even before the directory knows it.
        if (principal.rooms().contains(roomId)) {
            return Access.ALLOWED;
        }
        return unknownRooms == UnknownRoomPolicy.PUBLIC ? Access.ALLOWED : Access.NOT_FOUND;
    }

    private static boolean isMember(Principal principal, Room room) {
        return room.members().contains(principal.userId()) || principal.rooms().contains(room.id());
    }
}
