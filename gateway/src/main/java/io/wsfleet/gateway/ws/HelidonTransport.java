package io.wsfleet.gateway.ws;

import java.util.List;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.helidon.webserver.ConnectionContext;
import io.helidon.websocket.WsSession;
import io.wsfleet.gateway.protocol.OutboundFrame;
import io.wsfleet.gateway.session.Transport;

/**
 * A Helidon WebSocket session as a {@link Transport}. Text frames go to the connection's socket writer as
 * the bytes each frame was framed into once ({@link OutboundFrame#wire()}), several in one write; pings
 * and closes go through Helidon's session. Helidon writes on the same socket by itself too (pongs, the
 * reply to a client's close, the idle timeout's close), from the connection's reader: every write, ours and
 * Helidon's, is one call on the socket's output stream carrying whole frames, and the socket serialises
 * those calls, so frames never interleave.
 */
final class HelidonTransport implements Transport {
    private final WsSession socket;
    private final ConnectionContext connection;
    private final DataWriter writer;
    private final Thread reader;

    /**
     * Made in the listener's {@code onOpen}, on the thread that runs the connection (Helidon reads its
     * frames there for as long as it is open).
     *
     * @param socket a session of Helidon's WebServer, whose socket context is its connection
     */
    HelidonTransport(WsSession socket) {
        this.socket = socket;
        this.connection = (ConnectionContext) socket.socketContext();
        this.writer = connection.dataWriter();
        this.reader = Thread.currentThread();
    }

    @Override
    public void send(List<OutboundFrame> frames) {
        writer.writeNow(BufferData.create(frames.size() == 1 ? frames.getFirst().wire() : joined(frames)));
    }

    private static byte[] joined(List<OutboundFrame> frames) {
        int length = 0;
        for (OutboundFrame frame : frames) {
            length += frame.wire().length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (OutboundFrame frame : frames) {
            byte[] wire = frame.wire();
            System.arraycopy(wire, 0, joined, at, wire.length);
            at += wire.length;
        }
        return joined;
    }

    @Override
    public void ping() {
        socket.ping(BufferData.empty());
    }

    @Override
    public void close(int code, String reason) {
        socket.close(code, reason);
    }

    /**
     * False once Helidon has closed the socket or ended the connection, with or without telling the
     * listener. The connection's thread is asked too: a blocking socket closed under its read by the idle
     * timeout's interrupt still reports itself connected.
     */
    boolean connected() {
        return reader.isAlive() && connection.serverSocket().isConnected();
    }

    @Override
    public void abort() {
        try {
            connection.serverSocket().close();
        } catch (RuntimeException alreadyClosed) {
            // Nothing left to drop.
        }
    }
}
