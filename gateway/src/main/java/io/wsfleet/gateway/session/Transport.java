package io.wsfleet.gateway.session;

import java.util.List;

import io.wsfleet.gateway.protocol.OutboundFrame;

/**
 * The socket under a session, as the session needs it; the {@code ws} package adapts Helidon's
 * {@code WsSession} to it. Calls come only from the session's single writer, except {@link #abort()}.
 */
public interface Transport {

    /**
     * Writes text frames, in order, in one write to the socket when there are several; blocks while the
     * client's socket buffer is full.
     */
    void send(List<OutboundFrame> frames);

    /** Writes a ping frame; a live client answers with a pong. */
    void ping();

    /** Writes a close frame with the code and reason. */
    void close(int code, String reason);

    /** Drops the socket without a close handshake: for a client that stopped reading its close frame. */
    void abort();
}
