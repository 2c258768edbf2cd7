package io.wsfleet.gateway.ws;

import io.helidon.common.socket.SocketContext;
import io.helidon.webserver.http.ServerRequest;

/**
 * Identifies one TCP connection the same way on both sides of the upgrade: the HTTP filter that admits
 * it (a {@link ServerRequest}) and the WebSocket listener that opens it (a {@link SocketContext}).
 */
record ConnectionKey(String listenerSocketId, String connectionSocketId, String peerHost, int peerPort) {

    // Helidon's socket ids are hash codes and may collide; with the peer's address and port, two
    // connections open at the same time never share a key.
    static ConnectionKey of(ServerRequest request) {
        return new ConnectionKey(request.serverSocketId(), request.socketId(),
                request.remotePeer().host(), request.remotePeer().port());
    }

    static ConnectionKey of(SocketContext socket) {
        return new ConnectionKey(socket.socketId(), socket.childSocketId(),
                socket.remotePeer().host(), socket.remotePeer().port());
    }
}
