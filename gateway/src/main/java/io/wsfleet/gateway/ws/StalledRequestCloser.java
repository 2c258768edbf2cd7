package io.wsfleet.gateway.ws;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.task.InterruptableTask;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

/**
 * Closes connections stalled inside their HTTP request (slowloris: a request line, then headers that
 * never end). Helidon's idle check asks a connection idle past the timeout to close, but an HTTP/1
 * connection obeys only while it waits for a request line: one blocked reading headers stays forever,
 * holding a socket and a thread. Here that request becomes an interrupt, which closes the socket under
 * the blocked read. WebSocket connections (already switched) and connections waiting between requests
 * are closed exactly as Helidon closes them.
 */
final class StalledRequestCloser implements ServerConnectionSelector {
    private final ServerConnectionSelector http1;

    StalledRequestCloser(ServerConnectionSelector http1) {
        this.http1 = http1;
    }

    @Override
    public int bytesToIdentifyConnection() {
        return http1.bytesToIdentifyConnection();
    }

    @Override
    public Support supports(BufferData data) {
        return http1.supports(data);
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        return new Connection(http1.connection(ctx));
    }

    private record Connection(ServerConnection http1) implements ServerConnection, InterruptableTask<Void> {

        @Override
        public void handle(Limit limit) throws InterruptedException {
            http1.handle(limit);
        }

        @Override
        @SuppressWarnings("deprecation")
        public void handle(Semaphore requestSemaphore) throws InterruptedException {
            http1.handle(requestSemaphore);
        }

        @Override
        public Duration idleTime() {
            return http1.idleTime();
        }

        /**
         * Helidon's idle check calls {@code close(false)}, which an HTTP/1 connection ignores unless it is
         * interruptible (waiting for a request line, or switched to WebSocket). Anything else idle this long
         * is a request that stopped arriving.
         */
        @Override
        public void close(boolean interrupt) {
            http1.close(interrupt || !canInterrupt());
        }

        @Override
        public boolean canInterrupt() {
            return http1 instanceof InterruptableTask<?> task && task.canInterrupt();
        }
    }
}
