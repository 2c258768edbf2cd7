package io.wsfleet.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class RotatingKeysTest {
    private static final Instant START = Instant.parse("2026-12-02T12:00:00Z");

    private final MovableClock clock = new MovableClock();

    @Test
    void theKeyBeforeARotationVerifiesUntilTheOverlapEnds() {
        RotatingKeys<String> keys = new RotatingKeys<>(List.of("a"), Duration.ofMinutes(10), clock);

        Instant until = keys.rotate(List.of("b"));

        assertThat(until).isEqualTo(START.plus(Duration.ofMinutes(10)));
        assertThat(keys.live()).containsExactly("b", "a");
        clock.now = until.minusMillis(1);
        assertThat(keys.live()).containsExactly("b", "a");
        clock.now = until;
        assertThat(keys.live()).containsExactly("b");
    }

    @Test
    void eachRotationStartsTheOverlapOfTheKeyItReplaces() {
        RotatingKeys<String> keys = new RotatingKeys<>(List.of("a"), Duration.ofMinutes(10), clock);

        keys.rotate(List.of("b"));
        clock.now = START.plus(Duration.ofMinutes(6));
        keys.rotate(List.of("c"));

        assertThat(keys.live()).containsExactly("c", "b", "a");
        clock.now = START.plus(Duration.ofMinutes(12));
        assertThat(keys.live()).containsExactly("c", "b");
        clock.now = START.plus(Duration.ofMinutes(16));
        assertThat(keys.live()).containsExactly("c");
    }

    @Test
    void withoutOverlapTheOldKeyStopsAtOnce() {
        RotatingKeys<String> keys = new RotatingKeys<>(List.of("a"), Duration.ZERO, clock);

        keys.rotate(List.of("b"));

        assertThat(keys.live()).containsExactly("b");
    }

    @Test
    void aKeyTheNextSetKeepsIsNotRetiredAndOneThatComesBackIsCurrentAgain() {
        RotatingKeys<String> keys = new RotatingKeys<>(List.of("a"), Duration.ofMinutes(10), clock);

        keys.rotate(List.of("b", "a"));
        assertThat(keys.live()).containsExactly("b", "a");

        keys.rotate(List.of("b"));
        assertThat(keys.live()).containsExactly("b", "a");
        keys.rotate(List.of("a", "b"));
        clock.now = START.plus(Duration.ofMinutes(20));
        assertThat(keys.live()).containsExactly("a", "b");
    }

    private static final class MovableClock extends Clock {
        Instant now = START;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
