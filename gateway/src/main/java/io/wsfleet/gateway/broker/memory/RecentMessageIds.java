package io.wsfleet.gateway.broker.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import io.wsfleet.gateway.broker.Once;
import io.wsfleet.gateway.broker.Topic;

/**
 * The client message ids one gateway has published, each kept for its window. Expired entries are
 * swept every {@link #SWEEP_EVERY} claims, so the map holds at most what the rate limits let users
 * send within one window, plus one sweep period.
 */
final class RecentMessageIds {
    static final int SWEEP_EVERY = 1024;

    private record Entry(String serverMessageId, long expiresAtNanos) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicInteger claims = new AtomicInteger();
    private final LongSupplier nanoTime;

    RecentMessageIds(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Records the message unless a live entry exists; returns the server id that counts. */
    String claim(Topic topic, Once once) {
        long now = nanoTime.getAsLong();
        if (claims.incrementAndGet() % SWEEP_EVERY == 0) {
            entries.values().removeIf(entry -> entry.expiresAtNanos() - now <= 0);
        }
        Entry winner = entries.compute(topic + "|" + once.keySuffix(), (key, existing) ->
                existing != null && existing.expiresAtNanos() - now > 0
                        ? existing
                        : new Entry(once.serverMessageId(), now + once.window().toNanos()));
        return winner.serverMessageId();
    }

    int size() {
        return entries.size();
    }
}
