package io.wsfleet.gateway.protocol;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The close codes the gateway sends, each in one {@link ReconnectClass}. Application codes follow one
 * rule so that clients can classify codes added later: 4000-4099 terminal, 4100-4199 backoff,
 * 4200-4299 reconnect now. The JavaScript SDK's table ({@code clients/js/src/close-codes.js}) is
 * generated from this class by {@link CloseCodesJs}.
 */
public enum CloseCode {
    MESSAGE_TOO_BIG(1009, ReconnectClass.TERMINAL, "message too big"),
    INTERNAL_ERROR(1011, ReconnectClass.BACKOFF, "internal error"),
    SERVICE_RESTART(1012, ReconnectClass.NOW, "server shutting down"),
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

    /** A range of application close codes and the class of every code in it. */
    public record Range(int from, int to, ReconnectClass reconnectClass) {
        boolean contains(int code) {
            return code >= from && code <= to;
        }
    }

    /** The application ranges: a code added later is classified by where it falls. */
    public static final List<Range> APPLICATION_RANGES = List.of(
            new Range(4000, 4099, ReconnectClass.TERMINAL),
            new Range(4100, 4199, ReconnectClass.BACKOFF),
            new Range(4200, 4299, ReconnectClass.NOW));

    /**
     * Standard codes (RFC 6455 and the IANA registry) whose class is not {@link #UNLISTED}: going away and
     * service restart reconnect now; protocol, data and policy errors would fail again.
     */
    public static final SortedMap<Integer, ReconnectClass> STANDARD = Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
            1001, ReconnectClass.NOW, 1012, ReconnectClass.NOW,
            1002, ReconnectClass.TERMINAL, 1003, ReconnectClass.TERMINAL, 1007, ReconnectClass.TERMINAL,
            1008, ReconnectClass.TERMINAL, 1009, ReconnectClass.TERMINAL, 1010, ReconnectClass.TERMINAL)));

    /** The class of any other code (1006 abnormal closure, 1011, 1013, unknown ones). */
    public static final ReconnectClass UNLISTED = ReconnectClass.BACKOFF;

    /** Classifies any close code a client may see, including standard ones the gateway does not send itself. */
    public static ReconnectClass classify(int code) {
        for (Range range : APPLICATION_RANGES) {
            if (range.contains(code)) {
                return range.reconnectClass();
            }
        }
        return STANDARD.getOrDefault(code, UNLISTED);
    }
}
