package io.wsfleet.gateway.limits.redis;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.wsfleet.gateway.limits.KeyedRateLimiter;
import io.wsfleet.gateway.limits.RateLimiter;
import io.wsfleet.gateway.redis.RedisConnections;
import io.wsfleet.gateway.redis.RedisScript;

/**
 * A limit counted over every gateway, without a Redis round trip per action: each gateway leases
 * budget from a shared counter per key and fixed window ({@code INCRBY}, one chunk of a twentieth of
 * the limit at a time) and spends it locally. The shared counter never grants more than the limit in a
 * window, so the gateways together never exceed it within a window; a gateway's unspent chunk is lost
 * when the window ends (at most one chunk per gateway per key). As with any fixed window, a client
 * may use the limit at the end of one window and again at the start of the next.
 *
 * <p>While Redis is unreachable the gateway falls back to counting on its own (local token buckets),
 * so that an outage neither lets floods through nor refuses everyone.
 */
public final class LeasedRateLimiter implements RateLimiter {
    private static final System.Logger LOG = System.getLogger(LeasedRateLimiter.class.getName());

    // KEYS[1] the key's counter for the window; ARGV limit, chunk, window ms. Returns actions granted.
    // By its digest: with users who each act a few times a window, most actions need a lease.
    private static final RedisScript LEASE = RedisScript.of("""
            local used = redis.call('INCRBY', KEYS[1], ARGV[2])
            if used == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
            local before = used - tonumber(ARGV[2])
            if before >= tonumber(ARGV[1]) then return 0 end
            return math.min(tonumber(ARGV[2]), tonumber(ARGV[1]) - before)""");

    private final RedisConnections redis;
    private final String keyPrefix;
    private final int limit;
    private final long windowMillis;
    /** The script's arguments, the same for every lease: limit, chunk, window. */
    private final byte[][] leaseArguments;
    private final LongSupplier clockMillis;
    private final KeyedRateLimiter fallback;
    private final Map<String, Allowance> allowances = new ConcurrentHashMap<>();
    private final AtomicLong sweptWindow = new AtomicLong(-1);

    /** What this gateway may still spend for one key in one window. */
    private static final class Allowance {
        final long window;
        final ReentrantLock lock = new ReentrantLock(); // held across a Redis call: no monitor pinning
        long remaining;
        boolean exhausted;

        Allowance(long window) {
            this.window = window;
        }
    }

    public LeasedRateLimiter(RedisConnections connections, String keyPrefix, int limit, Duration window) {
        this(connections, keyPrefix, limit, window, System::currentTimeMillis);
    }

    LeasedRateLimiter(RedisConnections redis, String keyPrefix, int limit, Duration window, LongSupplier clockMillis) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.leaseArguments = new byte[][] {ascii(limit), ascii(Math.max(1, limit / 20)), ascii(windowMillis)};
        this.clockMillis = clockMillis;
        this.fallback = new KeyedRateLimiter(limit, window);
    }

    @Override
    public Duration tryAcquire(String key) {
        long now = clockMillis.getAsLong();
        long window = now / windowMillis;
        long swept = sweptWindow.get();
        if (window > swept && sweptWindow.compareAndSet(swept, window)) {
            // Allowances of past windows are dead; dropping them once per window keeps the map to the
            // keys active in this one, and keeps the scan off every other call's path.
            allowances.values().removeIf(allowance -> allowance.window < window);
        }
        Allowance allowance = allowances.compute(key, (ignored, current) ->
                current == null || current.window != window ? new Allowance(window) : current);
        Duration untilNextWindow = Duration.ofMillis((window + 1) * windowMillis - now);
        allowance.lock.lock();
        try {
            if (allowance.remaining > 0) {
                allowance.remaining--;
                return Duration.ZERO;
            }
            if (allowance.exhausted) {
                return untilNextWindow;
            }
            long granted = lease(key, window);
            if (granted == 0) {
                allowance.exhausted = true;
                return untilNextWindow;
            }
            allowance.remaining = granted - 1;
            return Duration.ZERO;
        } catch (RedisException | CompletionException | CancellationException e) {
            LOG.log(Level.DEBUG, "rate limit counted locally while Redis is unavailable", e);
            return fallback.tryAcquire(key);
        } finally {
            allowance.lock.unlock();
        }
    }

    @Override
    public int limit() {
        return limit;
    }

    /** Waits for Redis (bounded by the command timeout): callers are connections' virtual threads. */
    private long lease(String key, long window) {
        byte[] counter = (keyPrefix + key + ":" + window).getBytes(StandardCharsets.UTF_8);
        return LEASE.<Long>run(redis, ScriptOutputType.INTEGER, new byte[][] {counter}, leaseArguments)
                .toCompletableFuture().join();
    }

    private static byte[] ascii(long number) {
        return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
    }
}
