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
public final class KeyedRateLimiter implements RateLimiter {
    private static final int SWEEP_THRESHOLD = 10_000;
    /** Hard bound: beyond it, the sweep also forgets buckets that are not full (their keys start afresh). */
    private static final int MAX_KEYS = 100_000;
    private static final long SWEEP_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

    private final int limit;
    private final long periodNanos;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep;

    public KeyedRateLimiter(int limit, Duration period) {
        this(limit, period, System::nanoTime);
    }

    KeyedRateLimiter(int limit, Duration period, LongSupplier nanoClock) {
        this.limit = limit;
        this.periodNanos = period.toNanos();
        this.nanoClock = nanoClock;
        this.lastSweep = new AtomicLong(nanoClock.getAsLong() - SWEEP_INTERVAL_NANOS);
    }

    /** Keys with a bucket now (for tests and metrics). */
    int trackedKeys() {
        return buckets.size();
    }

    @Override
    public Duration tryAcquire(String key) {
        long now = nanoClock.getAsLong();
        if (buckets.size() >= SWEEP_THRESHOLD) {
            sweep(now);
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

    @Override
    public int limit() {
        return limit;
    }

    /** At most once per interval, so that a crowd of keys does not make every call scan them all. */
    private void sweep(long now) {
        long last = lastSweep.get();
        if (now - last < SWEEP_INTERVAL_NANOS || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        buckets.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                return entry.getValue().full(now);
            }
        });
        var keys = buckets.keySet().iterator();
        while (buckets.size() > MAX_KEYS && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
