package io.wsfleet.gateway.limits;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts what the limits refused, by limit: a spike means abuse, or limits set too low. */
public final class LimitRefusals {
    /** Each limit the gateway enforces; the meter's {@code limit} label is the lower-case name. */
    public enum Limit { MESSAGES, TYPING, CONNECTIONS_PER_IP, CONNECTIONS_PER_USER, ROOMS_PER_CONNECTION }

    private final Map<Limit, Counter> counters = new EnumMap<>(Limit.class);

    public LimitRefusals(MeterRegistry registry) {
        for (Limit limit : Limit.values()) {
            counters.put(limit, Counter.builder("wsfleet.limit.refusals")
                    .description("Actions refused by a limit: messages, typing events, upgrades, joins")
                    .tag("limit", limit.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    public void refused(Limit limit) {
        counters.get(limit).increment();
    }
}
