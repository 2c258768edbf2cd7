package io.wsfleet.gateway.fleet;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.Counter;
import io.wsfleet.gateway.protocol.CloseCode;
import io.wsfleet.gateway.session.Session;

/**
 * Closes sessions with the reconnect-now code (1012) at planned moments: the client reconnects at once,
 * through the load balancer, to another gateway, and recovers what it missed with its last position.
 */
final class PacedCloses {
    private PacedCloses() {
    }

    /**
     * Closes {@code sessions[i]} at {@code moments[i]} after now (ascending), counting each close, for as long
     * as {@code proceed} says so; blocks until the last one, so it runs on a virtual thread of its own. A
     * session that ended meanwhile is skipped.
     */
    static void run(List<Session> sessions, List<Duration> moments, Counter closed, BooleanSupplier proceed)
            throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < sessions.size(); i++) {
            long wait = start + moments.get(i).toNanos() - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
            if (!proceed.getAsBoolean()) {
                return;
            }
            Session session = sessions.get(i);
            if (!session.ended() && session.serverCloseCode().isEmpty()) {
                session.close(CloseCode.SERVICE_RESTART);
                closed.increment();
            }
        }
    }
}
