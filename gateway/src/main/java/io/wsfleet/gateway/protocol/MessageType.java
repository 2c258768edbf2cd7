package io.wsfleet.gateway.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every {@code type} of the wire envelope, whether a client may send it, and whether the server
 * publishes it through the broker (the others are answers written to one connection).
 */
public enum MessageType {
    PING("ping", true, false),
    PONG("pong", false, false),
    JOIN_ROOM("join_room", true, false),
    LEAVE_ROOM("leave_room", true, false),
    ROOM_MESSAGE("room_message", true, true),
    CHAT("chat", true, true),
    TYPING("typing", true, true),
    USER_JOINED("user_joined", false, true),
    USER_LEFT("user_left", false, true),
    USER_ONLINE("user_online", false, true),
    USER_OFFLINE("user_offline", false, true),
    DEVICE_CONNECTED("device_connected", false, true),
    NOTIFICATION("notification", false, true),
    CONTINUITY_LOST("continuity_lost", false, false),
    ACK("ack", false, false),
    ERROR("error", false, false),
    HISTORY("history", true, false),
    RESUME("resume", true, false);

    private static final Map<String, MessageType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(MessageType::wireName, Function.identity()));

    private final String wireName;
    private final boolean clientSendable;
    private final boolean published;

    MessageType(String wireName, boolean clientSendable, boolean published) {
        this.wireName = wireName;
        this.clientSendable = clientSendable;
        this.published = published;
    }

    public String wireName() {
        return wireName;
    }

    public boolean clientSendable() {
        return clientSendable;
    }

    /** Sent through the broker (and so timed from publish to delivery), not as an answer to one connection. */
    public boolean published() {
        return published;
    }

    public static Optional<MessageType> fromWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }
}
