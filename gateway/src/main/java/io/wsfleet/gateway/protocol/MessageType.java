package io.wsfleet.gateway.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every {@code type} of the wire envelope, and whether a client may send it. */
public enum MessageType {
    PING("ping", true),
    PONG("pong", false),
    JOIN_ROOM("join_room", true),
    LEAVE_ROOM("leave_room", true),
    ROOM_MESSAGE("room_message", true),
    CHAT("chat", true),
    TYPING("typing", true),
    USER_JOINED("user_joined", false),
    USER_LEFT("user_left", false),
    USER_ONLINE("user_online", false),
    USER_OFFLINE("user_offline", false),
    DEVICE_CONNECTED("device_connected", false),
    NOTIFICATION("notification", false),
    CONTINUITY_LOST("continuity_lost", false),
    ACK("ack", false),
    ERROR("error", false);

    private static final Map<String, MessageType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(MessageType::wireName, Function.identity()));

    private final String wireName;
    private final boolean clientSendable;

    MessageType(String wireName, boolean clientSendable) {
        this.wireName = wireName;
        this.clientSendable = clientSendable;
    }

    public String wireName() {
        return wireName;
    }

    public boolean clientSendable() {
        return clientSendable;
    }

    public static Optional<MessageType> fromWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }
}
