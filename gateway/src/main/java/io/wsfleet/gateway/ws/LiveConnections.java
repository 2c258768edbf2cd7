package io.wsfleet.gateway.ws;

import java.time.Duration;

/** Counts open WebSocket connections so that shutdown can wait for their close handshakes. */
public final class LiveConnections {
    private int open;

    synchronized void opened() {
        open++;
    }

    synchronized void closed() {
        open--;
        if (open == 0) {
            notifyAll();
        }
    }

    public synchronized int count() {
        return open;
    }

    /** Waits until every connection has closed or the timeout passed; true if all closed. */
    public synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (open > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
