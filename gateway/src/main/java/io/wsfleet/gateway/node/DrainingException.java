package io.wsfleet.gateway.node;

/** A connection opened after the gateway started draining: it is closed at once with a reconnect-now code. */
public final class DrainingException extends RuntimeException {

    public DrainingException() {
        super("gateway is draining", null, false, false);
    }
}
