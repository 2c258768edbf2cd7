package io.wsfleet.gateway.node;

import io.wsfleet.gateway.protocol.ErrorCode;
import io.wsfleet.gateway.protocol.InboundMessage;
import io.wsfleet.gateway.room.AccessPolicy;
import io.wsfleet.gateway.session.Session;

/** The access rule of joining a room, shared by {@code join_room}, {@code history} and the {@code members} query. */
final class RoomAccess {
    private RoomAccess() {
    }

    /** Throws the error a refused join gets: {@code forbidden} or {@code room_not_found}. */
    static void check(AccessPolicy policy, Session session, InboundMessage message, String roomId) {
        switch (policy.check(session.principal(), roomId)) {
            case FORBIDDEN -> throw message.error(ErrorCode.FORBIDDEN, "room '" + roomId + "' is private");
            case NOT_FOUND -> throw message.error(ErrorCode.ROOM_NOT_FOUND, "room '" + roomId + "' does not exist");
            case ALLOWED -> {
            }
        }
    }
}
