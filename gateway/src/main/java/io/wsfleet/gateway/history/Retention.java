package io.wsfleet.gateway.history;

import java.time.Duration;

/**
 * How much of a stream is kept: the last {@code size} publications, each for at most {@code ttl}.
 * A size of 0 keeps nothing: the stream has no history and its frames carry no position.
 */
public record Retention(int size, Duration ttl) {
    public static final Retention NONE = new Retention(0, Duration.ofSeconds(1));

    public Retention {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
    }

    public boolean kept() {
        return size > 0;
    }
}
