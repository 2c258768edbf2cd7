package io.wsfleet.gateway.protocol;

/**
 * The close codes the gateway sends, each in one {@link ReconnectClass}. Application codes follow one
 * rule so that clients can classify codes added later: 4000-4099 terminal, 4100-4199 backoff,
 * 4200-4299 reconnect now.
 */
public enum CloseCode {
    MESSAGE_TOO_BIG(1009, ReconnectClass.TERMINAL, "message too big"),
    INTERNAL_ERROR(1011, ReconnectClass.BACKOFF, "internal error"),
    SERVICE_RESTART(1012, ReconnectClass.NOW, "server shutting down"),
    TRY_AGAIN_LATER(1013, ReconnectClass.BACKOFF, "cluster state unavailable, try again later"),
    SLOW_CONSUMER(4100, ReconnectClass.BACKOFF, "slow consumer: outbound queue full");

    private final int code;
    private final ReconnectClass reconnectClass;
    private final String reason;

    CloseCode(int code, ReconnectClass reconnectClass, String reason) {
        this.code = code;
        this.reconnectClass = reconnectClass;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    public ReconnectClass reconnectClass() {
        return reconnectClass;
    }

    public String reason() {
        return reason;
    }

    /** Classifies any close code a client may see, including standard ones the gateway does not send itself. */
    public static ReconnectClass classify(int code) {
        if (code >= 4000 && code <= 4099) {
            return ReconnectClass.TERMINAL;
        }
        if (code >= 4100 && code <= 4199) {
            return ReconnectClass.BACKOFF;
        }
        if (code >= 4200 && code <= 4299) {
            return ReconnectClass.NOW;
        }
        return switch (code) {
            case 1001, 1012 -> ReconnectClass.NOW;
            case 1002, 1003, 1007, 1008, 1009, 1010 -> ReconnectClass.TERMINAL;
            default -> ReconnectClass.BACKOFF;
        };
    }
}
