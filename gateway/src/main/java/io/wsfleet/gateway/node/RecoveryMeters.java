package io.wsfleet.gateway.node;

import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wsfleet.gateway.history.Recovery;

/** How clients that came back with a position fared: recovered or not, and how many frames were replayed. */
final class RecoveryMeters {
    /** The kind of stream recovered: a room's, or a user's direct messages. */
    enum Stream { ROOM, USER }

    private final Counter[][] outcomes = new Counter[Stream.values().length][2];
    private final Counter replayed;

    RecoveryMeters(MeterRegistry registry) {
        for (Stream stream : Stream.values()) {
            for (boolean recovered : new boolean[] {true, false}) {
                outcomes[stream.ordinal()][recovered ? 1 : 0] = Counter.builder("wsfleet.recoveries")
                        .description("Joins and resumes that came with a position, by stream and whether what was"
                                + " missed was recovered")
                        .tag("stream", stream.name().toLowerCase(java.util.Locale.ROOT))
                        .tag("outcome", recovered ? "recovered" : "not_recovered")
                        .register(registry);
            }
        }
        this.replayed = Counter.builder("wsfleet.recovery.replayed.frames")
                .description("Frames replayed to clients that recovered what they missed")
                .register(registry);
    }

    /** Counts a catch-up that came with a position; one whose stream could not be read counts as not recovered. */
    void record(Stream stream, Optional<Recovery> recovery) {
        boolean recovered = recovery.map(Recovery::recovered).orElse(false);
        outcomes[stream.ordinal()][recovered ? 1 : 0].increment();
        recovery.ifPresent(done -> replayed.increment(done.frames().size()));
    }
}
