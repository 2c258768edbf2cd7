package io.wsfleet.bench.client;

/**
 * Socket.IO 4 over its WebSocket transport (Engine.IO 4 packets): the server opens with {@code 0{...}},
 * the client connects to the main namespace with its token ({@code 40{"token":...}}), the server
 * confirms with {@code 40{...}}; events are {@code 42[...]}, an acknowledged join is {@code 421[...]}
 * answered by {@code 431[...]}; the server's ping {@code 2} is answered {@code 3}.
 */
public record SocketIoWire() implements WireProtocol {

    @Override
    public String path() {
        return "/socket.io/?EIO=4&transport=websocket";
    }

    @Override
    public String authorizationHeader(String token) {
        return null;
    }

    @Override
    public boolean readyOnOpen() {
        return false;
    }

    @Override
    public Reaction react(String text, String token) {
        if (text.equals("2")) {
            return new Reaction.Reply("3");
        }
        if (text.startsWith("0{")) {
            return new Reaction.Reply("40{\"token\":\"" + token + "\"}");
        }
        if (text.startsWith("40")) {
            return new Reaction.Ready();
        }
        if (text.startsWith("431")) {
            return new Reaction.Joined();
        }
        return new Reaction.None();
    }

    @Override
    public String joinFrame(String room) {
        return "421[\"join\",\"" + room + "\"]";
    }

    @Override
    public String publishFrame(String room, String message) {
        return "42[\"publish\",{\"room\":\"" + room + "\",\"message\":\"" + message + "\"}]";
    }
}
