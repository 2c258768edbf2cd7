package io.wsfleet.gateway.ws;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.websocket.WsSession;
import io.wsfleet.gateway.session.Transport;

/** A Helidon WebSocket session as a {@link Transport}. */
final class HelidonTransport implements Transport {
    private final WsSession socket;

    HelidonTransport(WsSession socket) {
        this.socket = socket;
    }

    @Override
    public void sendText(String text) {
        socket.send(text, true);
    }

    @Override
    public void ping() {
        socket.ping(BufferData.empty());
    }

    @Override
    public void close(int code, String reason) {
        socket.close(code, reason);
    }

    /** False once Helidon has closed the socket, with or without telling the listener. */
    boolean connected() {
        return !(socket.socketContext() instanceof ConnectionContext connection)
                || connection.serverSocket().isConnected();
    }

    @Override
    public void abort() {
        if (socket.socketContext() instanceof ConnectionContext connection) {
            try {
                connection.serverSocket().close();
            } catch (RuntimeException alreadyClosed) {
                // Nothing left to drop.
            }
        }
    }
}
