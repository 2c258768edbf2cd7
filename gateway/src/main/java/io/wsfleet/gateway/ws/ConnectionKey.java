package io.wsfleet.gateway.ws;

import io.helidon.common.socket.SocketContext;
import io.helidon.webserver.http.ServerRequest;

/**
 * Identifies one TCP connection the same way on both sides of the upgrade: the HTTP filter that admits
 * it (a {@link ServerRequest}) and the WebSocket listener that opens it (a {@link SocketContext}).
 */
record ConnectionKey(String listenerSocketId, String connectionSocketId) {

    static ConnectionKey of(ServerRequest request) {
        return new ConnectionKey(request.serverSocketId(), request.socketId());
    }

    static ConnectionKey of(SocketContext socket) {
        return new ConnectionKey(socket.socketId(), socket.childSocketId());
    }
}
