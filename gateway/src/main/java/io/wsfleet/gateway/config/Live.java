package io.wsfleet.gateway.config;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A part of the configuration that follows the watched files (limits, origins), replaced as a whole
 * when they change. Checks read {@link #current()} each time, so a change applies to open connections at once.
 */
public final class Live<T> {
    private final AtomicReference<T> current;

    public Live(T initial) {
        this.current = new AtomicReference<>(initial);
    }

    public T current() {
        return current.get();
    }

    public void replace(T value) {
        current.set(value);
    }
}
