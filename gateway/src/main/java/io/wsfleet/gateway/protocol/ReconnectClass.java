package io.wsfleet.gateway.protocol;

/** What a client should do after the server closed its connection with a given code. */
public enum ReconnectClass {
    /** Do not reconnect: reconnecting would fail the same way. */
    TERMINAL,
    /** Reconnect with exponential backoff and jitter. */
    BACKOFF,
    /** Reconnect at once (with a small jitter): the server is draining or restarting. */
    NOW
}
