package io.wsfleet.gateway.limits;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The limits in force, replaced as a whole when the watched configuration changes. Checks read
 * {@link #current()} each time, so a change applies to open connections at once.
 */
public final class LiveLimits {
    private final AtomicReference<RateLimits> current;

    public LiveLimits(RateLimits initial) {
        this.current = new AtomicReference<>(initial);
    }

    public RateLimits current() {
        return current.get();
    }

    public void replace(RateLimits limits) {
        current.set(limits);
    }
}
