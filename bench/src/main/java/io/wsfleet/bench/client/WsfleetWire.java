package io.wsfleet.bench.client;

import java.util.Optional;

/**
 * The gateway's protocol (docs/protocol.md): token in {@code Authorization}, a {@code join_room}
 * with a {@code message_id} whose {@code ack} confirms it, {@code room_message} without one (no ack
 * traffic in the measurement). WebSocket pings are answered by the WebSocket layer.
 */
public record WsfleetWire() implements WireProtocol {
    private static final String ERROR_CODE = "\"code\":\"";

    @Override
    public String path() {
        return "/ws";
    }

    @Override
    public String authorizationHeader(String token) {
        return "Bearer " + token;
    }

    @Override
    public boolean readyOnOpen() {
        return true;
    }

    @Override
    public Reaction react(String text, String token) {
        return ack(text) ? new Reaction.Joined() : new Reaction.None();
    }

    @Override
    public String joinFrame(String room) {
        return "{\"type\":\"join_room\",\"payload\":{\"room_id\":\"" + room + "\"},\"message_id\":\"join\"}";
    }

    /** A join that asks for what the room published after {@code since} (recovery on join). */
    public String joinFrame(String room, StreamPosition since) {
        return "{\"type\":\"join_room\",\"payload\":{\"room_id\":\"" + room + "\",\"since\":" + since.json()
                + "},\"message_id\":\"join\"}";
    }

    /** Whether {@code frame} is the gateway's ack of a join that asked with {@code since} and recovered. */
    public static boolean recovered(String frame) {
        return frame.contains("\"recovered\":true");
    }

    /** Whether {@code frame} is an ack (of a join, here). */
    public static boolean ack(String frame) {
        return frame.startsWith("{\"type\":\"ack\"");
    }

    /** The {@code payload.code} of an {@code error} frame; empty for any other frame. */
    public static Optional<String> errorCode(String frame) {
        if (!frame.startsWith("{\"type\":\"error\"")) {
            return Optional.empty();
        }
        int start = frame.indexOf(ERROR_CODE);
        if (start < 0) {
            return Optional.empty();
        }
        start += ERROR_CODE.length();
        return Optional.of(frame.substring(start, frame.indexOf('"', start)));
    }

    /** Whether {@code frame} is a room's message. */
    public static boolean roomMessage(String frame) {
        return frame.startsWith("{\"type\":\"room_message\"");
    }

    @Override
    public String publishFrame(String room, String message) {
        return "{\"type\":\"room_message\",\"payload\":{\"room_id\":\"" + room + "\",\"message\":\"" + message + "\"}}";
    }
}
