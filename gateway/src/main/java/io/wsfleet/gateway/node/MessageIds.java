package io.wsfleet.gateway.node;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server ids for messages and connections: a random per-process prefix and a counter, both base 36.
 * Unique across a cluster without coordination, and cheap enough for the hot path.
 */
public final class MessageIds {
    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    public MessageIds() {
        this.prefix = Long.toString(new SecureRandom().nextLong() >>> 16, 36);
    }

    public String next() {
        return prefix + "-" + Long.toString(counter.incrementAndGet(), 36);
    }
}
