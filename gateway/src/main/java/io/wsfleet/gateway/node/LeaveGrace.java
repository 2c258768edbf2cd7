package io.wsfleet.gateway.node;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The room leaves of connections the server closed with a reconnect-now code, held back for the
 * reconnect grace: a drained or shed client is back within seconds, and while its room presence stays
 * its rejoin is no transition, so its rooms hear neither a {@code user_left} nor a {@code user_joined}.
 * When the grace ends the leaves are made (and announced where the user did not come back).
 */
final class LeaveGrace {
    /**
     * What a closed connection still holds: its rooms' presence entries, and the {@code user_offline} its
     * rooms hear after the {@code user_left} if its user has no device left by then.
     */
    record Pending(String connectionId, String userId, List<String> rooms, Optional<Frames.Built> offline,
                   Instant expires) {
    }

    /**
     * How long the leaves made at the deadline may take: two presence updates and the announcements'
     * publishes, each bounded by the broker's command timeout; the pod's kill margin covers it.
     */
    static final Duration FINISHING = Duration.ofSeconds(3);

    private final Duration grace;
    private final ScheduledExecutorService timer;
    private final Consumer<Pending> leave;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** Set when the gateway stops: a leave held from then on is made at once. */
    private volatile boolean finishing;
    /** Leaves wait for the presence store and the broker, which the timer thread must not. */
    private final ExecutorService leaves = Executors.newVirtualThreadPerTaskExecutor();

    /** @param leave makes the held leaves of one connection, once */
    LeaveGrace(Duration grace, ScheduledExecutorService timer, Consumer<Pending> leave) {
        this.grace = grace;
        this.timer = timer;
        this.leave = leave;
    }

    /** False when the grace is zero: leaves are made at once. */
    boolean enabled() {
        return grace.isPositive();
    }

    /** Holds a closed connection's room presence for the grace. */
    void hold(String connectionId, String userId, List<String> rooms, Optional<Frames.Built> offline) {
        pending.put(connectionId, new Pending(connectionId, userId, List.copyOf(rooms), offline, Instant.now().plus(grace)));
        if (finishing) {
            expire(connectionId); // or finish() already did, if it saw it first
            return;
        }
        try {
            timer.schedule(() -> expire(connectionId), grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            expire(connectionId);
        }
    }

    /** Whether the closed connection's presence in the room is still held: not stale, not to be removed. */
    boolean holds(String connectionId, String roomId) {
        Pending held = pending.get(connectionId);
        return held != null && held.rooms().contains(roomId);
    }

    /**
     * At shutdown: lets the held leaves expire on time until {@code deadline}, then makes the rest at once,
     * and returns when all are made and announced (or {@link #FINISHING} after the deadline), before the
     * store and the broker close.
     */
    void finish(Instant deadline) throws InterruptedException {
        finishing = true;
        Optional<Instant> last = pending.values().stream().map(Pending::expires).max(Instant::compareTo);
        if (last.isPresent()) {
            Instant until = last.get().isBefore(deadline) ? last.get() : deadline;
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), until).toMillis()));
        }
        pending.keySet().forEach(this::expire);
        leaves.shutdown();
        Instant finished = (Instant.now().isAfter(deadline) ? Instant.now() : deadline).plus(FINISHING);
        leaves.awaitTermination(Duration.between(Instant.now(), finished).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The connections whose leaves are held at this moment. */
    int size() {
        return pending.size();
    }

    private void expire(String connectionId) {
        Pending held = pending.remove(connectionId);
        if (held != null) {
            try {
                leaves.execute(() -> leave.accept(held));
            } catch (RejectedExecutionException finished) {
                leave.accept(held);
            }
        }
    }
}
