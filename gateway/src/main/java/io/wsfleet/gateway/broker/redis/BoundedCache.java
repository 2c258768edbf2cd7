package io.wsfleet.gateway.broker.redis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values computed once per key and kept for the publications that follow, at most {@code limit} of
 * them: a full cache starts afresh. What it holds is cheap to compute again (a room's key names, a
 * retention's numbers), so a bound on memory matters more than which entries stay; a hit takes no lock.
 */
final class BoundedCache<K, V> {
    private final int limit;
    private final Function<K, V> compute;
    private final Map<K, V> values = new ConcurrentHashMap<>();

    BoundedCache(int limit, Function<K, V> compute) {
        this.limit = limit;
        this.compute = compute;
    }

    V get(K key) {
        V value = values.get(key);
        if (value == null) {
            if (values.size() >= limit) {
                values.clear();
            }
            value = values.computeIfAbsent(key, compute);
        }
        return value;
    }
}
