package io.wsfleet.gateway.ws;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSocket connections whose session is open. Shutdown waits on it for close handshakes, and
 * {@link #reapDropped()} ends the sessions of sockets that Helidon closed without telling the
 * listener: a peer that vanished without a close frame (EOF), a frame over the size limit, an idle
 * timeout. Helidon 4.5 calls neither {@code onClose} nor {@code onError} in those cases.
 */
public final class OpenConnections {
    private static final System.Logger LOG = System.getLogger(OpenConnections.class.getName());
    private final Set<ConnectionListener> open = ConcurrentHashMap.newKeySet();

    void opened(ConnectionListener connection) {
        open.add(connection);
    }

    void closed(ConnectionListener connection) {
        if (open.remove(connection)) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    public int count() {
        return open.size();
    }

    /** Ends the session of every connection whose socket is gone; called periodically. */
    public void reapDropped() {
        for (ConnectionListener connection : List.copyOf(open)) {
            try {
                if (!connection.socketConnected()) {
                    // Ending a session may wait on Redis: never on the shared timer thread.
                    Thread.ofVirtual().name("wsfleet-reaper").start(() -> connection.end("dropped", WebSocketMeters.NO_CLOSE_CODE));
                }
            } catch (RuntimeException e) {
                // One failure must not stop the periodic task for every other connection.
                LOG.log(System.Logger.Level.WARNING, "could not end a dropped connection", e);
            }
        }
    }

    /** Waits until every connection has closed or the timeout passed; true if all closed. */
    public boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!open.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, Math.min(left / 1_000_000, 100)));
            }
        }
        return true;
    }
}
