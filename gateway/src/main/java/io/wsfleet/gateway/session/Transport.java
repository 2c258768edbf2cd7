package io.wsfleet.gateway.session;

/**
 * The socket under a session, as the session needs it; the {@code ws} package adapts Helidon's
 * {@code WsSession} to it. Calls come only from the session's single writer, except {@link #abort()}.
 */
public interface Transport {

    /** Writes one text frame; blocks while the client's socket buffer is full. */
    void sendText(String text);

    /** Writes a ping frame; a live client answers with a pong. */
    void ping();

    /** Writes a close frame with the code and reason. */
    void close(int code, String reason);

    /** Drops the socket without a close handshake: for a client that stopped reading its close frame. */
    void abort();
}
