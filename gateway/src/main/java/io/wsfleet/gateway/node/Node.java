package io.wsfleet.gateway.node;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsfleet.gateway.auth.Principal;
import io.wsfleet.gateway.broker.Broker;
import io.wsfleet.gateway.broker.Once;
import io.wsfleet.gateway.broker.Publication;
import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.config.GatewayConfig;
import io.wsfleet.gateway.config.Live;
import io.wsfleet.gateway.history.HistoryPage;
import io.wsfleet.gateway.history.Recovery;
import io.wsfleet.gateway.history.Retention;
import io.wsfleet.gateway.history.RetentionRules;
import io.wsfleet.gateway.history.StreamPosition;
import io.wsfleet.gateway.protocol.CloseCode;
import io.wsfleet.gateway.protocol.ErrorCode;
import io.wsfleet.gateway.protocol.FrameCodec;
import io.wsfleet.gateway.protocol.MessageType;
import io.wsfleet.gateway.protocol.OutboundFrame;
import io.wsfleet.gateway.protocol.ProtocolException;
import io.wsfleet.gateway.protocol.ReconnectClass;
import io.wsfleet.gateway.presence.PresenceStore;
import io.wsfleet.gateway.presence.StoreUnavailableException;
import io.wsfleet.gateway.room.LocalRegistry;
import io.wsfleet.gateway.session.Session;
import io.wsfleet.gateway.session.SessionSettings;
import io.wsfleet.gateway.session.Transport;

/**
 * The orchestrator of one gateway: sessions connect and disconnect, join and leave rooms, publish;
 * every delivery goes through the {@link Broker} and comes back to {@link #deliver} on each node
 * subscribed to the topic, which queues the once-encoded frame on each local recipient.
 */
public final class Node {
    private static final System.Logger LOG = System.getLogger(Node.class.getName());
    /** The {@code from} of frames the platform itself sends (publish API). */
    public static final String SYSTEM_SENDER = "system";
    /**
     * How long a new connection's user stream is held for a {@code resume}, when the connection sends
     * nothing else first: the replay of missed direct messages must go out before the live ones.
     */
    public static final Duration RESUME_WINDOW = Duration.ofSeconds(1);
    /** How often presence entries left behind by failed updates are looked for. */
    static final Duration PRESENCE_CORRECTION = Duration.ofSeconds(5);

    private final Broker broker;
    private final PresenceStore presence;
    private final LocalRegistry registry = new LocalRegistry();
    private final TopicSubscriptions subscriptions;
    private final Frames frames;
    private final MessageIds ids;
    private final Announcements announcements;
    private final PresenceSubscriptions presenceSubscriptions;
    private final SessionSettings sessionSettings;
    private final Live<RetentionRules> retention;
    private final CatchUp catchUp;
    private final LeaveGrace leaveGrace;
    /** Connection ids admitted at the upgrade whose session is not open yet: their devices are not stale. */
    private final Set<String> pendingAdmissions = ConcurrentHashMap.newKeySet();
    /** Set when a presence update failed: what it should have removed is removed by the next correction. */
    private final AtomicBoolean presenceBehind = new AtomicBoolean();
    private volatile boolean draining;

    /**
     * @param announced who hears presence, and how long a reconnecting user's rooms keep it
     * @param retention which publications the broker keeps, and for how long (follows the watched
     *     configuration)
     */
    public Node(Broker broker, PresenceStore presence, SessionSettings sessionSettings, GatewayConfig.Presence announced,
                Live<RetentionRules> retention) {
        this.broker = broker;
        this.presence = presence;
        this.sessionSettings = sessionSettings;
        this.retention = retention;
        // Half the outbound queue, so that live frames arriving behind a replay still fit.
        this.catchUp = new CatchUp(broker.history(), sessionSettings.outboundQueueBytes() / 2);
        this.ids = new MessageIds();
        this.frames = new Frames(new FrameCodec(), ids, Clock.systemUTC());
        this.announcements = new Announcements(this, frames, announced.announceOnline());
        this.leaveGrace = new LeaveGrace(announced.reconnectGrace(), sessionSettings.scheduler(), this::leaveAfterGrace);
        this.subscriptions = new TopicSubscriptions(broker, this::deliver);
        this.presenceSubscriptions = new PresenceSubscriptions(this, subscriptions);
        subscriptions.acquire(Topic.BROADCAST);
    }

    /**
     * Records the device of an upgrade, before the socket is accepted, unless the user already has
     * {@code maxDevices}: counting and recording are one atomic step in the presence store (locally and
     * in Redis), so no number of parallel upgrades on any number of gateways passes the limit.
     *
     * @return empty if the user is at the limit
     * @throws StoreUnavailableException while the presence store is away: nothing is admitted then
     */
    public Optional<Admission> admit(Principal principal, int maxDevices) {
        if (draining) {
            throw new DrainingException();
        }
        String connectionId = ids.next();
        pendingAdmissions.add(connectionId);
        try {
            PresenceStore.Connected connected = presence.connect(principal.userId(), connectionId, maxDevices);
            if (!connected.refused()) {
                return Optional.of(new Admission(principal, connectionId, connected));
            }
        } catch (StoreUnavailableException e) {
            pendingAdmissions.remove(connectionId);
            throw e;
        }
        pendingAdmissions.remove(connectionId);
        return Optional.empty();
    }

    /** Gives back the device of an admission whose socket never opened a session. */
    public void abandon(Admission admission) {
        String userId = admission.principal().userId();
        pendingAdmissions.remove(admission.connectionId());
        long offline = seqUnlessUnavailable(() -> presence.offline(userId, admission.connectionId()));
        if (offline != 0) {
            // Another device may have gone while this one was pending: it could not announce the user offline.
            announcements.userOffline(userId, offline, List.of());
        }
    }

    /** Opens the session of an admitted upgrade and announces it. */
    public Session connect(Admission admission, Transport transport) {
        if (draining) {
            abandon(admission);
            throw new DrainingException();
        }
        Session session = new Session(admission.connectionId(), admission.principal(), transport, sessionSettings,
                this::serverClosing);
        String userId = session.userId();
        Topic.User stream = new Topic.User(userId);
        if (retention.current().stream(stream).kept()) {
            session.holdForCatchUp(stream, RESUME_WINDOW); // before the registry can deliver its frames
        }
        registry.add(session);
        pendingAdmissions.remove(session.id());
        subscriptions.acquire(new Topic.User(userId));
        announcements.connected(userId, session.id(), admission.connected());
        return session;
    }

    /**
     * Ends a session: leaves its rooms and announces the user offline after its last device.
     * Idempotent. Local state is always cleaned up; presence that cannot be updated now is corrected
     * by {@link #resync()} when the store is back.
     */
    public void disconnect(Session session) {
        // Decided by the session, not by the caller: the socket's close can end it before the server's own
        // closing callback runs, and both must treat a 1012 alike.
        disconnect(session, leaveGrace.enabled() && session.serverCloseCode()
                .filter(code -> code.reconnectClass() == ReconnectClass.NOW).isPresent());
    }

    /**
     * @param graced the server told the client to reconnect now: its device goes at once (those who watch
     *     the user see it offline), its rooms keep the user for the reconnect grace
     */
    private void disconnect(Session session, boolean graced) {
        List<String> rooms = new ArrayList<>();
        long offline;
        // Under the session's lock so that a join racing the end of the session is either undone here or refused.
        session.stateLock().lock();
        try {
            if (!session.markEnded()) {
                return;
            }
            for (String roomId : session.rooms()) {
                session.removeRoom(roomId);
                leaveLocally(session, roomId);
                if (graced || leavePresence(roomId, session.userId(), session.id())) {
                    rooms.add(roomId);
                }
            }
            registry.remove(session);
            offline = seqUnlessUnavailable(() -> presence.offline(session.userId(), session.id()));
            subscriptions.release(new Topic.User(session.userId()));
        } finally {
            session.stateLock().unlock();
        }
        presenceSubscriptions.removeAll(session);
        if (graced) {
            Optional<Frames.Built> offlineFrame = offline == 0 ? Optional.empty()
                    : Optional.of(announcements.userOfflineToWatchers(session.userId(), offline));
            leaveGrace.hold(session.id(), session.userId(), rooms, offlineFrame);
            return;
        }
        rooms.forEach(roomId -> announcements.userLeftRoom(roomId, session.userId()));
        if (offline != 0) {
            announcements.userOffline(session.userId(), offline, rooms);
        }
    }

    /**
     * The reconnect grace of a closed connection ended: its rooms lose its user unless the user is back
     * there on another connection, and hear the {@code user_offline} if the user has no device left.
     */
    private void leaveAfterGrace(LeaveGrace.Pending held) {
        List<String> left = held.rooms().stream()
                .filter(roomId -> leavePresence(roomId, held.userId(), held.connectionId()))
                .toList();
        List<CompletionStage<String>> published = new ArrayList<>();
        left.forEach(roomId -> published.add(announcements.leftRoom(roomId, held.userId())));
        if (held.offline().isPresent() && !left.isEmpty() && unlessUnavailable(() -> presence.devices(held.userId()) == 0)) {
            published.addAll(announcements.offlineToRooms(held.userId(), held.offline().get(), left));
        }
        // Waited for (on the grace's own thread) so that a stopping gateway closes its broker only after them;
        // one that failed is lost like any announcement, and continuity_lost covers it.
        published.forEach(stage -> stage.toCompletableFuture().exceptionally(lost -> null).join());
    }

    /**
     * Joins a room the access policy already admitted, and answers once the join is recorded (it does not
     * fail after that): the answer's payload has the room's members and, for a room that keeps history,
     * its {@code position} and, with {@code since}, whether what was missed since then is {@code recovered}.
     * The replay follows the answer, then the live frames; none of them passes before the answer.
     *
     * @param answer the frames that carry the answer, built from its payload
     * @return the recovery decided, empty for a room without history (or a stream that could not be read)
     * @throws StoreUnavailableException if presence cannot be recorded; the session is not in the room
     */
    CompletionStage<Optional<Recovery>> join(Session session, String roomId, Optional<StreamPosition> since,
                                             Function<ObjectNode, List<OutboundFrame>> answer) {
        Topic room = new Topic.Room(roomId);
        Retention kept = retention.current().stream(room);
        boolean firstForUser;
        CompletionStage<Void> subscribed;
        session.stateLock().lock();
        try {
            if (session.ended()) {
                return CompletableFuture.failedFuture(new IllegalStateException("session ended"));
            }
            if (session.inRoom(roomId)) {
                answer.apply(membersPayload(roomId)).forEach(session::send);
                return CompletableFuture.completedFuture(Optional.empty());
            }
            firstForUser = presence.join(roomId, session.userId(), session.id());
            if (kept.kept()) {
                session.hold(room); // before the registry can deliver the room's frames to it
            }
            session.addRoom(roomId);
            registry.join(roomId, session);
            subscribed = subscriptions.acquire(room);
        } finally {
            session.stateLock().unlock();
        }
        LOG.log(Level.DEBUG, "joined room conn={0} user={1} room={2}", session.id(), session.userId(), roomId);
        // Read here, on the caller's (virtual) thread: the stages below complete on broker threads,
        // which must never wait for a store.
        ObjectNode members = membersPayload(roomId);
        // The join is recorded: a subscription that failed is retried by the broker, and an announcement
        // that could not be published is covered by continuity_lost, so the client is in the room.
        // The stream is read only once subscribed, so that every publication after the read arrives live.
        CompletionStage<?> announced = subscribed.exceptionally(retried -> null)
                .thenCompose(done -> firstForUser
                        ? announcements.userJoinedRoom(roomId, session.userId()).exceptionally(lost -> null)
                        : CompletableFuture.completedFuture(null));
        if (!kept.kept()) {
            return announced.thenApply(published -> {
                since.ifPresent(ignored -> members.put("recovered", false));
                answer.apply(members).forEach(session::send);
                return Optional.empty();
            });
        }
        return announced.thenCompose(published -> catchUp.run(session, room, kept, since, members, answer));
    }

    /**
     * Replays the direct messages (and notifications) the user missed since {@code since}, ahead of the
     * live ones held since the connection opened; answers with {@code recovered} and {@code position}.
     *
     * @throws ProtocolException {@code resume_too_late} if the user stream is no longer held (the
     *     connection sent another message first, or the resume window passed)
     */
    CompletionStage<Optional<Recovery>> resume(Session session, Optional<StreamPosition> since, String messageId,
                                               Function<ObjectNode, List<OutboundFrame>> answer) {
        Topic user = new Topic.User(session.userId());
        Retention kept = retention.current().stream(user);
        ObjectNode payload = frames.object();
        if (!kept.kept()) {
            since.ifPresent(ignored -> payload.put("recovered", false));
            answer.apply(payload).forEach(session::send);
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (!session.claim(user)) {
            throw new ProtocolException(ErrorCode.RESUME_TOO_LATE, "resume must be the connection's first message,"
                    + " sent within " + RESUME_WINDOW.toMillis() + " ms of connecting", messageId);
        }
        // Read only once subscribed (the subscription began at connect), so that every later publication arrives live.
        return subscriptions.subscribed(user).exceptionally(retried -> null)
                .thenCompose(done -> catchUp.run(session, user, kept, since, payload, answer));
    }

    /** The connection sent something other than {@code resume}: its user stream goes live as it is. */
    void endResumeWindow(Session session) {
        session.releaseUnclaimed(new Topic.User(session.userId()));
    }

    /**
     * The kept frames of a room, newest last: at most {@code limit} with offsets below {@code before}, as
     * many as fit in {@code maxBytes}; empty if the room keeps no history.
     */
    public CompletionStage<Optional<HistoryPage>> history(String roomId, int limit, long before, long maxBytes) {
        Topic room = new Topic.Room(roomId);
        Retention kept = retention.current().stream(room);
        if (!kept.kept()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return broker.history().before(room, before, Math.min(limit, kept.size()), kept)
                .thenApply(slice -> Optional.of(HistoryPage.of(slice, kept, maxBytes)));
    }

    /** Leaves a room; false if this connection had not joined it. */
    boolean leave(Session session, String roomId) {
        boolean lastForUser;
        session.stateLock().lock();
        try {
            if (!session.removeRoom(roomId)) {
                return false;
            }
            leaveLocally(session, roomId);
            lastForUser = leavePresence(roomId, session.userId(), session.id());
        } finally {
            session.stateLock().unlock();
        }
        LOG.log(Level.DEBUG, "left room conn={0} user={1} room={2}", session.id(), session.userId(), roomId);
        if (lastForUser) {
            announcements.userLeftRoom(roomId, session.userId());
        }
        return true;
    }

    /**
     * After the shared store or broker came back (or this node's presence lease lapsed): subscribe
     * again to every held topic, put this node's presence back and drop what it no longer holds, and
     * tell every local session that messages may have been missed.
     */
    public void resync() {
        subscriptions.renewAll();
        try {
            presence.removeStale(this::holds, announcements);
            for (Session session : registry.snapshot()) {
                reassert(session);
            }
        } catch (StoreUnavailableException e) {
            LOG.log(Level.WARNING, "presence re-synchronisation failed; it is retried at the next reconnect", e);
        }
        for (Session session : registry.snapshot()) {
            ObjectNode payload = frames.object().put("reason", "broker_reconnected");
            var rooms = payload.putArray("rooms");
            session.rooms().stream().sorted().forEach(rooms::add);
            reply(session, frames.event(MessageType.CONTINUITY_LOST, payload, null).frame());
        }
    }

    /**
     * Starts presence leases (this node's are kept alive, dead nodes' users are announced gone) and the
     * correction of updates that failed.
     */
    public void startPresenceLeases(ScheduledExecutorService scheduler) {
        presence.startLeases(scheduler, announcements, this::resync);
        long period = PRESENCE_CORRECTION.toMillis();
        // On a virtual thread: the correction waits for Redis, the timer thread must not.
        scheduler.scheduleWithFixedDelay(() -> Thread.ofVirtual().name("wsfleet-presence-correction")
                .start(this::correctPresence), period, period, TimeUnit.MILLISECONDS);
    }

    /** Publishes a frame on behalf of {@code from}; completes with its server message id. */
    public CompletionStage<String> publish(Topic topic, MessageType type, ObjectNode payload, String from,
                                           Publication.Exclusion exclusion) {
        return publish(topic, frames.event(type, payload, from), exclusion);
    }

    /** Publishes an already built frame, so that one message can go to several topics with one id. */
    CompletionStage<String> publish(Topic topic, Frames.Built built, Publication.Exclusion exclusion) {
        return broker.publish(topic, publication(topic, built, exclusion)).thenApply(done -> built.messageId());
    }

    /** Publishes a built frame unless the same client message was published within the window. */
    CompletionStage<String> publishOnce(Topic topic, Frames.Built built, Publication.Exclusion exclusion, Once once) {
        return broker.publishOnce(topic, publication(topic, built, exclusion), once);
    }

    /** A publication kept as the retention rules in force say for its topic and type. */
    private Publication publication(Topic topic, Frames.Built built, Publication.Exclusion exclusion) {
        return new Publication(built.frame(), exclusion, retention.current().of(topic, built.frame().type()));
    }

    /** The broker's callback: queue the frame on each local recipient of the topic. Never blocks. */
    void deliver(Topic topic, Publication publication) {
        Collection<Session> recipients = switch (topic) {
            case Topic.Room room -> registry.inRoom(room.roomId());
            case Topic.User user -> registry.ofUser(user.userId());
            case Topic.Broadcast broadcast -> registry.all();
            case Topic.Presence user -> presenceSubscriptions.recipients(user.userId(), publication.frame());
        };
        for (Session session : recipients) {
            if (!publication.exclusion().excludes(session.id(), session.userId())) {
                session.deliver(topic, publication.frame());
            }
        }
    }

    /** Pings this round's share of the local sessions that are not being written to (called every second). */
    public void pingIdleSessions(PingRounds rounds, long round) {
        for (Session session : registry.all()) {
            if (rounds.covers(session.id(), round)) {
                session.ping();
            }
        }
    }

    /**
     * Starts a drain: new connections are refused and readiness is false from this moment on; the
     * open sessions are closed by whoever paces the drain ({@code fleet.Drain}).
     */
    public void startDraining() {
        draining = true;
    }

    /** The open sessions at this moment. */
    public List<Session> sessions() {
        return registry.snapshot();
    }

    public boolean draining() {
        return draining;
    }

    public boolean brokerHealthy() {
        return broker.healthy();
    }

    public String brokerKind() {
        return broker.kind();
    }

    public int connectionCount() {
        return registry.connectionCount();
    }

    /** The user's connected devices. */
    public int deviceCount(String userId) {
        return presence.devices(userId);
    }

    /** Which of the users are online, on any gateway. */
    Set<String> online(Collection<String> userIds) {
        return presence.online(userIds);
    }

    /** {@code {room_id, members}}: the users in a room, on any gateway. */
    ObjectNode members(String roomId) {
        return membersPayload(roomId);
    }

    /** Users with at least one connection to this gateway. */
    public int localUsers() {
        return registry.userCount();
    }

    /** Rooms with at least one member connected to this gateway. */
    public int localRooms() {
        return registry.roomCount();
    }

    /** Sends a frame to one session only (acks, errors, pongs). */
    void reply(Session session, OutboundFrame frame) {
        session.send(frame);
    }

    Frames frames() {
        return frames;
    }

    PresenceSubscriptions presenceSubscriptions() {
        return presenceSubscriptions;
    }

    void replyError(Session session, ProtocolException error) {
        reply(session, frames.error(error));
    }

    /** Caller holds the session's lock: this node stops delivering the room's frames to the session. */
    private void leaveLocally(Session session, String roomId) {
        registry.leave(roomId, session);
        subscriptions.release(new Topic.Room(roomId));
    }

    /** Removes one connection's presence in a room; true if the user has no device left there. */
    private boolean leavePresence(String roomId, String userId, String connectionId) {
        return unlessUnavailable(() -> presence.leave(roomId, userId, connectionId));
    }

    /** Records a live session's presence again; transitions this causes are announced as usual. */
    private void reassert(Session session) {
        session.stateLock().lock();
        try {
            if (session.ended()) {
                return;
            }
            announcements.connected(session.userId(), session.id(), presence.connect(session.userId(), session.id()));
            for (String roomId : session.rooms()) {
                if (presence.join(roomId, session.userId(), session.id())) {
                    announcements.userJoinedRoom(roomId, session.userId());
                }
            }
        } finally {
            session.stateLock().unlock();
        }
    }

    /** As {@link #unlessUnavailable}, for a transition numbered by its seq: 0 (none to announce) while the store is away. */
    private long seqUnlessUnavailable(java.util.function.LongSupplier update) {
        try {
            return update.getAsLong();
        } catch (StoreUnavailableException e) {
            presenceBehind(e);
            return 0;
        }
    }

    /**
     * A presence update that may fail while the store is away (or too busy to answer in time): false (no
     * transition to announce) then, and the next {@link #correctPresence} removes what it left behind.
     */
    private boolean unlessUnavailable(BooleanSupplier update) {
        try {
            return update.getAsBoolean();
        } catch (StoreUnavailableException e) {
            presenceBehind(e);
            return false;
        }
    }

    private void presenceBehind(StoreUnavailableException e) {
        presenceBehind.set(true);
        LOG.log(Level.WARNING, "presence store unavailable; corrected within {0} s: {1}",
                String.valueOf(PRESENCE_CORRECTION.toSeconds()), e.getMessage());
    }

    /**
     * Removes the presence entries of sessions that ended, and rooms they left, while the store could not
     * be updated. Redis need not have gone away for that: under a burst of disconnects (a drained load
     * balancer) commands time out or overflow the request queue while the connection stays up, and no
     * reconnect would ever trigger {@link #resync}.
     */
    void correctPresence() {
        if (!presenceBehind.getAndSet(false)) {
            return;
        }
        try {
            presence.removeStale(this::holds, announcements);
        } catch (StoreUnavailableException e) {
            presenceBehind.set(true); // still away: the next round tries again
        }
    }

    /**
     * Whether this node still holds a presence entry (a room's, or with {@code roomId} null the device's):
     * removing stale entries must keep it.
     */
    private boolean holds(String connectionId, String roomId) {
        return registry.holds(connectionId, roomId) || (roomId == null
                ? pendingAdmissions.contains(connectionId)
                : leaveGrace.holds(connectionId, roomId));
    }

    private void serverClosing(Session session, CloseCode code) {
        LOG.log(Level.INFO, "closing connection conn={0} user={1} code={2} reason={3}",
                session.id(), session.userId(), String.valueOf(code.code()), code.reason());
        disconnect(session);
    }

    /** Connections whose rooms keep their user for the reconnect grace. */
    public int heldLeaves() {
        return leaveGrace.size();
    }

    /**
     * At shutdown, after the sessions closed: the held leaves are made as they expire until {@code deadline},
     * the rest at once, while the presence store and the broker are still open.
     */
    public void finishLeaves(Instant deadline) throws InterruptedException {
        leaveGrace.finish(deadline);
    }

    private ObjectNode membersPayload(String roomId) {
        ObjectNode payload = announcements.room(roomId);
        var members = payload.putArray("members");
        presence.members(roomId).stream().sorted().forEach(members::add);
        return payload;
    }
}
