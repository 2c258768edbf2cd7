package io.wsfleet.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The keys that verify tokens: the current ones (every key the key file holds) and, for {@code overlap}
 * after each rotation, the ones it dropped, so that a client still holding a token of a dropped key is not
 * refused while its issuer switches. Readers take an immutable snapshot; rotations are rare and serialised.
 *
 * @param <K> what a key is to the caller (a parser bound to it); equal keys are the same key
 */
final class RotatingKeys<K> {

    private record Retired<K>(K key, Instant until) {
    }

    private record Snapshot<K>(List<K> current, List<Retired<K>> retired) {
    }

    private final Duration overlap;
    private final Clock clock;
    private volatile Snapshot<K> snapshot;

    RotatingKeys(List<K> current, Duration overlap, Clock clock) {
        this.overlap = overlap;
        this.clock = clock;
        this.snapshot = new Snapshot<>(List.copyOf(current), List.of());
    }

    /**
     * {@code next} verify from now on; the current keys that {@code next} lacks still do for the overlap (a key
     * that comes back is current again). Returns when that overlap ends.
     */
    synchronized Instant rotate(List<K> next) {
        Instant now = clock.instant();
        Instant until = now.plus(overlap);
        List<Retired<K>> retired = new ArrayList<>();
        snapshot.current().stream().filter(key -> !next.contains(key)).forEach(key -> retired.add(new Retired<>(key, until)));
        live(snapshot.retired(), now).filter(old -> !next.contains(old.key())).forEach(retired::add);
        snapshot = new Snapshot<>(List.copyOf(next), List.copyOf(retired));
        return until;
    }

    /** The keys that verify now: the current ones first, in their order, then those whose overlap has not ended, newest first. */
    List<K> live() {
        Snapshot<K> now = snapshot;
        return Stream.concat(now.current().stream(), live(now.retired(), clock.instant()).map(Retired::key)).toList();
    }

    private static <K> Stream<Retired<K>> live(List<Retired<K>> retired, Instant now) {
        return retired.stream().filter(key -> key.until().isAfter(now));
    }
}
