package io.wsfleet.gateway.session;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

import io.wsfleet.gateway.auth.Principal;
import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.history.StreamPosition;
import io.wsfleet.gateway.protocol.CloseCode;
import io.wsfleet.gateway.protocol.OutboundFrame;

/**
 * One client connection: who it is, the rooms it joined, and its single writer. Frames are offered
 * without blocking; the node never writes to the socket directly.
 */
public final class Session {
    private final String id;
    private final Principal principal;
    private final SessionWriter writer;
    private final StreamGates gates = new StreamGates();
    private final ScheduledExecutorService scheduler;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ended = new AtomicBoolean();
    // A lock, not a monitor: holders may wait on Redis, and on Java 21 a virtual thread blocked inside
    // synchronized holds its carrier thread.
    private final ReentrantLock stateLock = new ReentrantLock();

    /**
     * @param onClosing called once when the server starts closing this session (slow consumer, shutdown),
     *                  so that it leaves its rooms at once rather than when the socket finally goes
     */
    public Session(String id, Principal principal, Transport transport, SessionSettings settings,
                   BiConsumer<Session, CloseCode> onClosing) {
        this.id = id;
        this.principal = principal;
        this.writer = new SessionWriter(transport, settings, code -> onClosing.accept(this, code));
        this.scheduler = settings.scheduler();
    }

    public String id() {
        return id;
    }

    public Principal principal() {
        return principal;
    }

    public String userId() {
        return principal.userId();
    }

    /** Queues a frame for this client; false if the session is closing or just overflowed. */
    public boolean send(OutboundFrame frame) {
        return writer.offer(frame);
    }

    /** Queues a frame of a stream, or keeps it while the stream is held. */
    public void deliver(Topic stream, OutboundFrame frame) {
        gates.deliver(stream, frame, writer::offer);
    }

    /**
     * Holds the live frames of a stream back for a catch-up that {@link #release}s them. Called before the
     * session is registered for the stream, so that none of its frames can pass.
     */
    public void hold(Topic stream) {
        gates.hold(stream, true);
    }

    /**
     * Holds a stream for a catch-up that may come ({@link #claim}); without one, its frames go out at
     * {@link #releaseUnclaimed} or after {@code atMost}.
     */
    public void holdForCatchUp(Topic stream, Duration atMost) {
        gates.hold(stream, false);
        scheduler.schedule(() -> releaseUnclaimed(stream), atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Claims a waiting hold for a catch-up; false if the stream is not held (any more) or already claimed. */
    public boolean claim(Topic stream) {
        return gates.claim(stream);
    }

    public void releaseUnclaimed(Topic stream) {
        gates.releaseUnclaimed(stream, writer::offer);
    }

    /**
     * Sends {@code first} (an answer and a replay ending at {@code upTo}), then the held frames beyond
     * {@code upTo} (all of them if it is {@code null}), and delivers the stream live from then on.
     */
    public void release(Topic stream, List<OutboundFrame> first, StreamPosition upTo) {
        gates.release(stream, first, upTo, writer::offer);
    }

    /** Pings the client if nothing else is being written to it. */
    public void ping() {
        writer.ping();
    }

    /** Closes after the frames already queued. */
    public void close(CloseCode code) {
        writer.close(code);
    }

    /** The code the server closed (or is closing) this connection with; empty if the server did not close it. */
    public Optional<CloseCode> serverCloseCode() {
        return writer.closeCode();
    }

    /** Records a join; false if this connection was already in the room. */
    public boolean addRoom(String roomId) {
        return rooms.add(roomId);
    }

    public boolean removeRoom(String roomId) {
        return rooms.remove(roomId);
    }

    public boolean inRoom(String roomId) {
        return rooms.contains(roomId);
    }

    public int roomCount() {
        return rooms.size();
    }

    public Set<String> rooms() {
        return Set.copyOf(rooms);
    }

    /** Guards joins, leaves and the end of the session against each other. */
    public ReentrantLock stateLock() {
        return stateLock;
    }

    public boolean ended() {
        return ended.get();
    }

    /** True exactly once: for whoever ends the session first (socket closed, overflow, shutdown). */
    public boolean markEnded() {
        return ended.compareAndSet(false, true);
    }

    @Override
    public String toString() {
        return "Session[" + id + ", user=" + principal.userId() + "]";
    }
}
