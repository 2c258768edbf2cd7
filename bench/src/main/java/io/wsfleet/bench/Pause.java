package io.wsfleet.bench;

import java.time.Duration;

/** Waiting inside a run (servers starting, memory settling, a system recovering between steps). */
public final class Pause {

    private Pause() {
    }

    /** Sleeps; an interrupt ends the run. */
    public static void of(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
