package io.wsfleet.gateway.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.wsfleet.gateway.protocol.CloseCode;
import io.wsfleet.gateway.protocol.OutboundFrame;

/**
 * The single writer of one connection: frames are queued without blocking the publisher and written
 * in order by one drain task at a time on a virtual thread. What queued up while the socket was busy goes
 * out together, up to {@link #BATCH_BYTES} in one write: under load a client costs one system call per
 * batch rather than one per frame. The queue is bounded in bytes; a reader that falls that far behind
 * loses its queue and is closed with {@link CloseCode#SLOW_CONSUMER}, so that it never slows delivery to
 * anyone else.
 */
final class SessionWriter {
    /** The most UTF-8 payload one write takes (a single larger frame goes alone). */
    static final int BATCH_BYTES = 64 * 1024;

    private final Transport transport;
    private final long maxQueuedBytes;
    private final Executor drainExecutor;
    private final ScheduledExecutorService scheduler;
    private final long closeGraceMillis;
    private final Consumer<CloseCode> onClosing;
    private final SessionMeters meters;

    private final ArrayDeque<OutboundFrame> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean draining;
    private boolean pingRequested;
    private CloseCode pendingClose;

    SessionWriter(Transport transport, SessionSettings settings, Consumer<CloseCode> onClosing) {
        this.transport = transport;
        this.maxQueuedBytes = settings.outboundQueueBytes();
        this.drainExecutor = settings.drainExecutor();
        this.scheduler = settings.scheduler();
        this.closeGraceMillis = settings.closeGrace().toMillis();
        this.onClosing = onClosing;
        this.meters = settings.meters();
    }

    /**
     * Queues a frame. Returns false if the session is closing, or if the frame overflowed the queue
     * (the session is then being closed as a slow consumer).
     */
    boolean offer(OutboundFrame frame) {
        synchronized (this) {
            if (pendingClose != null) {
                return false;
            }
            // An empty queue always takes the frame, so one frame larger than the bound still goes out.
            if (!queue.isEmpty() && queuedBytes + frame.bytes() > maxQueuedBytes) {
                meters.overflowed(queue.size() + 1);
                queue.clear();
                queuedBytes = 0;
                beginClose(CloseCode.SLOW_CONSUMER);
                return false;
            }
            queue.add(frame);
            queuedBytes += frame.bytes();
            if (!startDrain()) {
                return true;
            }
        }
        drainExecutor.execute(this::drain);
        return true;
    }

    /**
     * Sends a ping if nothing is being written: it keeps an idle connection alive through load
     * balancers, and the client's pong proves the client is still there.
     */
    void ping() {
        synchronized (this) {
            if (pendingClose != null || !startDrain()) {
                return;
            }
            pingRequested = true;
        }
        drainExecutor.execute(this::drain);
    }

    /** Sends the frames already queued, then the close frame. Idempotent; the first code wins. */
    void close(CloseCode code) {
        synchronized (this) {
            if (pendingClose != null) {
                return;
            }
            beginClose(code);
        }
    }

    /** The code the server is closing this connection with, if it began closing it. */
    synchronized Optional<CloseCode> closeCode() {
        return Optional.ofNullable(pendingClose);
    }

    synchronized long queuedBytes() {
        return queuedBytes;
    }

    /** Caller holds the lock. */
    private void beginClose(CloseCode code) {
        pendingClose = code;
        // Off the caller's thread: the caller may be delivering a publication under a broker lock.
        drainExecutor.execute(() -> onClosing.accept(code));
        // A reader that stopped reading never takes the close frame; drop its socket after a grace period.
        scheduler.schedule(transport::abort, closeGraceMillis, TimeUnit.MILLISECONDS);
        if (startDrain()) {
            drainExecutor.execute(this::drain);
        }
    }

    /** Caller holds the lock. True if the caller must start a drain task. */
    private boolean startDrain() {
        if (draining) {
            return false;
        }
        draining = true;
        return true;
    }

    private void drain() {
        while (true) {
            List<OutboundFrame> batch;
            boolean ping = false;
            CloseCode close = null;
            synchronized (this) {
                batch = takeBatch();
                if (batch.isEmpty() && pingRequested && pendingClose == null) {
                    pingRequested = false;
                    ping = true;
                } else if (batch.isEmpty()) {
                    close = pendingClose;
                    if (close == null) {
                        draining = false;
                        return;
                    }
                }
            }
            try {
                if (!batch.isEmpty()) {
                    transport.send(batch);
                    batch.forEach(meters::written);
                } else if (ping) {
                    transport.ping();
                } else {
                    transport.close(close.code(), close.reason());
                    return;
                }
            } catch (RuntimeException e) {
                // The socket is gone; the transport's own close callback ends the session.
                synchronized (this) {
                    queue.clear();
                    queuedBytes = 0;
                    draining = false;
                    if (pendingClose == null) {
                        pendingClose = CloseCode.INTERNAL_ERROR;
                    }
                }
                return;
            }
        }
    }

    /** Caller holds the lock. The queued frames, oldest first, up to {@link #BATCH_BYTES} (at least one if any). */
    private List<OutboundFrame> takeBatch() {
        List<OutboundFrame> batch = new ArrayList<>(Math.min(queue.size(), 16));
        long bytes = 0;
        while (!queue.isEmpty() && (batch.isEmpty() || bytes + queue.peek().bytes() <= BATCH_BYTES)) {
            OutboundFrame frame = queue.poll();
            bytes += frame.bytes();
            queuedBytes -= frame.bytes();
            batch.add(frame);
        }
        return batch;
    }
}
