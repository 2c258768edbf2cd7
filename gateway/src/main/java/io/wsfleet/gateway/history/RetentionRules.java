package io.wsfleet.gateway.history;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.config.GatewayConfig;
import io.wsfleet.gateway.protocol.MessageType;
import io.wsfleet.gateway.room.Room;
import io.wsfleet.gateway.room.RoomHistory;

/**
 * Which publications are kept, and for how long: a room's {@code room_message}s (under the room's own
 * retention where the room seed sets one) and a user's {@code chat}s and {@code notification}s. Typing,
 * presence and broadcast frames are never kept.
 */
public record RetentionRules(Retention defaults, Map<String, Retention> rooms) {
    public static final RetentionRules NONE = new RetentionRules(Retention.NONE, Map.of());

    public RetentionRules {
        rooms = Map.copyOf(rooms);
    }

    /** The gateway's defaults, and the rooms of the seed that set history settings of their own. */
    public static RetentionRules of(GatewayConfig.History defaults, Collection<Room> seed) {
        Retention base = new Retention(defaults.size(), defaults.ttl());
        Map<String, Retention> rooms = seed.stream()
                .filter(room -> !room.history().equals(RoomHistory.DEFAULTS))
                .collect(Collectors.toMap(Room::id, room -> room.history().over(base)));
        return new RetentionRules(base, rooms);
    }

    /** The retention of a publication of {@code type} on {@code topic}; {@link Retention#NONE} if it is not kept. */
    public Retention of(Topic topic, MessageType type) {
        return switch (topic) {
            case Topic.Room room -> type == MessageType.ROOM_MESSAGE ? room(room.roomId()) : Retention.NONE;
            case Topic.User user -> type == MessageType.CHAT || type == MessageType.NOTIFICATION
                    ? defaults : Retention.NONE;
            case Topic.Broadcast broadcast -> Retention.NONE;
        };
    }

    /** The retention of a stream as a whole: what recovery and history requests may read. */
    public Retention stream(Topic topic) {
        return switch (topic) {
            case Topic.Room room -> room(room.roomId());
            case Topic.User user -> defaults;
            case Topic.Broadcast broadcast -> Retention.NONE;
        };
    }

    private Retention room(String roomId) {
        return rooms.getOrDefault(roomId, defaults);
    }
}
