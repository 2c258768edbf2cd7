package io.wsfleet.bench.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.wsfleet.gateway.protocol.CloseCode;
import io.wsfleet.gateway.protocol.ReconnectClass;

/**
 * When a client reconnects after its socket ended, as the JavaScript SDK does ({@code clients/js/src/
 * connection.js} and {@code backoff.js}, with their defaults): by the class of the close code
 * ({@link CloseCode#classify}, the table the SDK's is generated from), "now" after a jitter of up to
 * 250 ms, "backoff" after a random delay up to 500 ms doubling with each failed attempt (capped at 30 s),
 * terminal never. A connection that opened starts the backoff over. One per client; not thread-safe.
 */
public final class ReconnectPolicy {
    private static final long NOW_JITTER_MILLIS = 250;
    private static final long MIN_BACKOFF_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    private int attempts;

    /** The delay before the next attempt after a socket ended with {@code closeCode}; empty: do not reconnect. */
    public Optional<Duration> after(int closeCode) {
        ReconnectClass reconnectClass = CloseCode.classify(closeCode);
        return switch (reconnectClass) {
            case TERMINAL -> Optional.empty();
            case NOW -> Optional.of(Duration.ofMillis(ThreadLocalRandom.current().nextLong(NOW_JITTER_MILLIS)));
            case BACKOFF -> {
                long bound = Math.min(MAX_BACKOFF_MILLIS, MIN_BACKOFF_MILLIS << Math.min(attempts, 16));
                attempts++;
                yield Optional.of(Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound)));
            }
        };
    }

    /** The connection opened. */
    public void opened() {
        attempts = 0;
    }
}
