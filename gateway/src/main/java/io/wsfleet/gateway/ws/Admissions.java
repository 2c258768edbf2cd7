package io.wsfleet.gateway.ws;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.wsfleet.gateway.auth.Principal;

/**
 * Hands an admitted principal from the upgrade filter (which can answer 401 with a body) to the
 * WebSocket listener of the same connection (which cannot). Entries live for the few microseconds
 * between the two; one whose upgrade never completed is swept after {@link #MAX_AGE}.
 */
final class Admissions {
    private static final Duration MAX_AGE = Duration.ofSeconds(30);
    private static final int SWEEP_THRESHOLD = 1_024;

    private record Admitted(Principal principal, long admittedAtNanos) {
    }

    private final Map<ConnectionKey, Admitted> pending = new ConcurrentHashMap<>();

    void admit(ConnectionKey key, Principal principal) {
        if (pending.size() >= SWEEP_THRESHOLD) {
            long oldest = System.nanoTime() - MAX_AGE.toNanos();
            pending.values().removeIf(admitted -> admitted.admittedAtNanos() < oldest);
        }
        pending.put(key, new Admitted(principal, System.nanoTime()));
    }

    Optional<Principal> claim(ConnectionKey key) {
        return Optional.ofNullable(pending.remove(key)).map(Admitted::principal);
    }
}
