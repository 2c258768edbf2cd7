package io.wsfleet.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The keys that verify tokens: the current one and, for {@code overlap} after each rotation, the ones it
 * replaced, so that a client still holding a token of the old key is not refused while its issuer switches.
 * Readers take an immutable snapshot; rotations are rare and serialised.
 *
 * @param <K> what a key is to the caller (a parser bound to it)
 */
final class RotatingKeys<K> {

    private record Retired<K>(K key, Instant until) {
    }

    private record Snapshot<K>(K current, List<Retired<K>> retired) {
    }

    private final Duration overlap;
    private final Clock clock;
    private volatile Snapshot<K> snapshot;

    RotatingKeys(K current, Duration overlap, Clock clock) {
        this.overlap = overlap;
        this.clock = clock;
        this.snapshot = new Snapshot<>(current, List.of());
    }

    /** {@code next} verifies from now on; the current key still does for the overlap. Returns when that ends. */
    synchronized Instant rotate(K next) {
        Instant now = clock.instant();
        Instant until = now.plus(overlap);
        List<Retired<K>> retired = new ArrayList<>(live(snapshot.retired(), now).toList());
        retired.addFirst(new Retired<>(snapshot.current(), until));
        snapshot = new Snapshot<>(next, List.copyOf(retired));
        return until;
    }

    /** The keys that verify now: the current one first, then those whose overlap has not ended, newest first. */
    List<K> live() {
        Snapshot<K> now = snapshot;
        return Stream.concat(Stream.of(now.current()), live(now.retired(), clock.instant()).map(Retired::key)).toList();
    }

    private static <K> Stream<Retired<K>> live(List<Retired<K>> retired, Instant now) {
        return retired.stream().filter(key -> key.until().isAfter(now));
    }
}
