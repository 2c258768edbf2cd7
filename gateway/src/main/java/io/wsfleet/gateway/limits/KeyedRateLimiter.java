package io.wsfleet.gateway.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per key (a user id, a client IP), on this gateway. Buckets that have filled
 * up again are forgotten when the map grows, so memory follows the number of recently active keys.
 */
public final class KeyedRateLimiter {
    private static final int SWEEP_THRESHOLD = 10_000;

    private final int limit;
    private final long periodNanos;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public KeyedRateLimiter(int limit, Duration period) {
        this(limit, period, System::nanoTime);
    }

    KeyedRateLimiter(int limit, Duration period, LongSupplier nanoClock) {
        this.limit = limit;
        this.periodNanos = period.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Takes one unit for the key; returns {@link Duration#ZERO} if allowed, else how long to wait. */
    public Duration tryAcquire(String key) {
        long now = nanoClock.getAsLong();
        if (buckets.size() >= SWEEP_THRESHOLD) {
            buckets.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    return entry.getValue().full(now);
                }
            });
        }
        AtomicLong wait = new AtomicLong();
        buckets.compute(key, (ignored, bucket) -> {
            TokenBucket current = bucket != null ? bucket : new TokenBucket(limit, periodNanos, now);
            synchronized (current) {
                wait.set(current.tryTake(now));
            }
            return current;
        });
        return Duration.ofNanos(wait.get());
    }

    public int limit() {
        return limit;
    }
}
