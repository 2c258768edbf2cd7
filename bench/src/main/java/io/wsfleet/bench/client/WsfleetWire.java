package io.wsfleet.bench.client;

/**
 * The gateway's protocol (docs/protocol.md): token in {@code Authorization}, a {@code join_room}
 * with a {@code message_id} whose {@code ack} confirms it, {@code room_message} without one (no ack
 * traffic in the measurement). WebSocket pings are answered by the WebSocket layer.
 */
public record WsfleetWire() implements WireProtocol {

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
        return text.startsWith("{\"type\":\"ack\"") ? new Reaction.Joined() : new Reaction.None();
    }

    @Override
    public String joinFrame(String room) {
        return "{\"type\":\"join_room\",\"payload\":{\"room_id\":\"" + room + "\"},\"message_id\":\"join\"}";
    }

    @Override
    public String publishFrame(String room, String message) {
        return "{\"type\":\"room_message\",\"payload\":{\"room_id\":\"" + room + "\",\"message\":\"" + message + "\"}}";
    }
}
