package io.wsfleet.gateway.ws;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.wsfleet.gateway.node.Admission;

/**
 * Hands an admission from the upgrade filter (which can answer 401 or 429 with a body) to the WebSocket
 * listener of the same connection (which cannot). Entries live for the few microseconds between the
 * two; one whose upgrade never completed holds a device of the user's limit, so it is swept after
 * {@link #MAX_AGE} and its device given back.
 */
final class Admissions {
    private static final Duration MAX_AGE = Duration.ofSeconds(10);

    private record Admitted(Admission admission, long admittedAtNanos) {
    }

    private final Map<ConnectionKey, Admitted> pending = new ConcurrentHashMap<>();
    private final Consumer<Admission> abandon;

    Admissions(Consumer<Admission> abandon) {
        this.abandon = abandon;
    }

    void admit(ConnectionKey key, Admission admission) {
        Admitted replaced = pending.put(key, new Admitted(admission, System.nanoTime()));
        if (replaced != null) {
            abandon.accept(replaced.admission());
        }
    }

    Optional<Admission> claim(ConnectionKey key) {
        return Optional.ofNullable(pending.remove(key)).map(Admitted::admission);
    }

    /** Gives back the devices of upgrades admitted longer ago than {@link #MAX_AGE}; called periodically. */
    void sweep() {
        long oldest = System.nanoTime() - MAX_AGE.toNanos();
        pending.forEach((key, admitted) -> {
            if (admitted.admittedAtNanos() < oldest && pending.remove(key, admitted)) {
                abandon.accept(admitted.admission());
            }
        });
    }
}
