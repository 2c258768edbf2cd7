package io.wsfleet.gateway.ws;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wsfleet.gateway.protocol.CloseCode;

/** What the WebSocket adapter reports: upgrades refused, connections opened and closed, bytes received. */
public final class WebSocketMeters {
    /** Why an upgrade was refused: the meter's {@code reason} label. */
    enum Refusal { ORIGIN, DRAINING, UNAVAILABLE, RATE, AUTH, PER_USER }

    /** Close codes that mean the client simply left: 1000 normal closure, 1001 going away. */
    private static final List<Integer> NORMAL_CLOSES = List.of(1000, 1001);
    /** No close code at all: the socket failed or vanished (1005, 1006 and our own "none"). */
    static final int NO_CLOSE_CODE = 1006;

    private final Counter opened;
    private final Map<String, Counter> closed = new HashMap<>();
    private final Map<Refusal, Counter> refused = new HashMap<>();
    private final Counter inboundBytes;

    public WebSocketMeters(MeterRegistry registry) {
        this.opened = Counter.builder("wsfleet.connections.opened")
                .description("WebSocket sessions opened")
                .register(registry);
        for (String closeClass : List.of("normal", "terminal", "backoff", "now", "abnormal")) {
            closed.put(closeClass, Counter.builder("wsfleet.connections.closed")
                    .description("WebSocket sessions ended, by the class of their close code")
                    .tag("class", closeClass)
                    .register(registry));
        }
        for (Refusal refusal : Refusal.values()) {
            refused.put(refusal, Counter.builder("wsfleet.upgrades.refused")
                    .description("WebSocket upgrades refused before any session existed, by reason")
                    .tag("reason", refusal.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        this.inboundBytes = Counter.builder("wsfleet.inbound").baseUnit("bytes")
                .description("Bytes of the text and binary frames received from clients")
                .register(registry);
    }

    void opened() {
        opened.increment();
    }

    void closed(int code) {
        closed.get(closeClass(code)).increment();
    }

    void refused(Refusal refusal) {
        refused.get(refusal).increment();
    }

    void received(long bytes) {
        inboundBytes.increment(bytes);
    }

    /** normal (the client left), abnormal (no close frame), else the reconnect class of the code. */
    static String closeClass(int code) {
        if (NORMAL_CLOSES.contains(code)) {
            return "normal";
        }
        if (code == 1005 || code == NO_CLOSE_CODE) {
            return "abnormal";
        }
        return CloseCode.classify(code).name().toLowerCase(Locale.ROOT);
    }
}
