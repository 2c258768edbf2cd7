package io.wsfleet.gateway.limits;

/**
 * A token bucket: {@code capacity} tokens, refilled continuously at {@code capacity} per
 * {@code periodNanos}. So "100 per minute" allows a burst of 100 and 100 a minute sustained.
 * Not thread-safe: {@link KeyedRateLimiter} serialises access per key.
 */
final class TokenBucket {
    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long updatedNanos;

    TokenBucket(int capacity, long periodNanos, long nowNanos) {
        this.capacity = capacity;
        this.tokensPerNano = capacity / (double) periodNanos;
        this.tokens = capacity;
        this.updatedNanos = nowNanos;
    }

    /** Takes one token; returns 0 if granted, else the nanoseconds until one is available. */
    long tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / tokensPerNano);
    }

    /** Whether the bucket is full, so forgetting it changes nothing. */
    boolean full(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - updatedNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            updatedNanos = nowNanos;
        }
    }
}
