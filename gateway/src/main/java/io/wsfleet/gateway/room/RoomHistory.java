package io.wsfleet.gateway.room;

import java.time.Duration;
import java.util.Optional;

import io.wsfleet.gateway.history.Retention;

/** A room's own history settings from the room seed; what it leaves out follows the gateway's defaults. */
public record RoomHistory(Optional<Integer> size, Optional<Duration> ttl) {
    public static final RoomHistory DEFAULTS = new RoomHistory(Optional.empty(), Optional.empty());

    public Retention over(Retention defaults) {
        return new Retention(size.orElse(defaults.size()), ttl.orElse(defaults.ttl()));
    }
}
