package io.wsfleet.gateway.node;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wsfleet.gateway.broker.Once;
import io.wsfleet.gateway.broker.Publication;
import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.config.Live;
import io.wsfleet.gateway.history.StreamPosition;
import io.wsfleet.gateway.limits.LimitRefusals;
import io.wsfleet.gateway.limits.RateLimiter;
import io.wsfleet.gateway.limits.RateLimits;
import io.wsfleet.gateway.presence.StoreUnavailableException;
import io.wsfleet.gateway.protocol.ErrorCode;
import io.wsfleet.gateway.protocol.FrameCodec;
import io.wsfleet.gateway.protocol.InboundMessage;
import io.wsfleet.gateway.protocol.MessageType;
import io.wsfleet.gateway.protocol.OutboundFrame;
import io.wsfleet.gateway.protocol.ProtocolException;
import io.wsfleet.gateway.room.AccessPolicy;
import io.wsfleet.gateway.room.RoomIds;
import io.wsfleet.gateway.session.Session;

/**
 * Handles what a client sends: decodes the frame, checks it, hands it to the {@link Node}, and answers
 * with an {@code ack} (when the message carried a {@code message_id}) or an {@code error}. A bad frame
 * only ever costs its sender an error frame.
 */
public final class ClientMessages {
    private static final System.Logger LOG = System.getLogger(ClientMessages.class.getName());
    /** Longest user id accepted as a {@code chat} recipient. */
    static final int MAX_USER_ID_LENGTH = 256;
    /** Most kept frames one {@code history} request returns, and what it returns without a limit. */
    static final int MAX_HISTORY_LIMIT = 1000;
    static final int DEFAULT_HISTORY_LIMIT = 100;

    private final Node node;
    private final AccessPolicy policy;
    private final Live<RateLimits> limits;
    private final Duration dedupWindow;
    private final FrameCodec codec = new FrameCodec();
    private final Map<MessageType, Counter> received = new EnumMap<>(MessageType.class);
    private final Counter undecodable;
    private final LimitRefusals refusals;
    private final RecoveryMeters recoveries;
    private final long maxHistoryBytes;

    /**
     * @param dedupWindow how long a client {@code message_id} of a {@code room_message} or {@code chat}
     *     sent with {@code "dedup": true} is remembered per user: a resend within it is acked again and
     *     not delivered twice
     */
    public ClientMessages(Node node, AccessPolicy policy, Live<RateLimits> limits, Duration dedupWindow,
                          long maxHistoryBytes, MeterRegistry registry, LimitRefusals refusals) {
        this.node = node;
        this.maxHistoryBytes = maxHistoryBytes;
        this.recoveries = new RecoveryMeters(registry);
        this.policy = policy;
        this.limits = limits;
        this.dedupWindow = dedupWindow;
        this.refusals = refusals;
        for (MessageType type : MessageType.values()) {
            if (type.clientSendable()) {
                received.put(type, receivedCounter(registry, type.wireName()));
            }
        }
        // Bad JSON, unknown or server-only types: never the client's text as a label.
        this.undecodable = receivedCounter(registry, "invalid");
    }

    private static Counter receivedCounter(MeterRegistry registry, String type) {
        return Counter.builder("wsfleet.messages.received")
                .description("Client messages received, by type; invalid = not decodable into a client message")
                .tag("type", type)
                .register(registry);
    }

    public void onText(Session session, String text) {
        InboundMessage message;
        try {
            message = codec.decode(text);
        } catch (ProtocolException e) {
            undecodable.increment();
            node.endResumeWindow(session);
            node.replyError(session, e);
            return;
        }
        received.get(message.type()).increment();
        if (message.type() != MessageType.RESUME) {
            node.endResumeWindow(session);
        }
        try {
            handle(session, message);
        } catch (ProtocolException e) {
            node.replyError(session, e);
        } catch (StoreUnavailableException e) {
            node.replyError(session, message.error(ErrorCode.UNAVAILABLE, "cluster state is unavailable; try again"));
        } catch (RuntimeException e) {
            // A bug must cost one answer, not the connection, and must not reach the client in detail.
            LOG.log(System.Logger.Level.ERROR, "handling a " + message.type().wireName() + " message failed", e);
            node.replyError(session, message.error(ErrorCode.INTERNAL, "internal error"));
        }
    }

    public void onBinary(Session session) {
        undecodable.increment();
        node.replyError(session, new ProtocolException(ErrorCode.UNSUPPORTED_BINARY,
                "binary frames are not supported; send JSON text frames", null));
    }

    private void handle(Session session, InboundMessage message) {
        checkRate(session, message);
        switch (message.type()) {
            case PING -> {
                node.reply(session, node.frames().pong(message.payload()));
                ack(session, message, node.frames().object());
            }
            case JOIN_ROOM -> join(session, message);
            case LEAVE_ROOM -> leave(session, message);
            case ROOM_MESSAGE -> roomMessage(session, message);
            case TYPING -> typing(session, message);
            case CHAT -> chat(session, message);
            case HISTORY -> history(session, message);
            case RESUME -> resume(session, message);
            default -> throw message.error(ErrorCode.UNSUPPORTED_TYPE,
                    "type '" + message.type().wireName() + "' is sent by the server only");
        }
    }

    private void join(Session session, InboundMessage message) {
        String roomId = roomId(message);
        int maxRooms = limits.current().maxRoomsPerConnection();
        if (!session.inRoom(roomId) && session.roomCount() >= maxRooms) {
            refusals.refused(LimitRefusals.Limit.ROOMS_PER_CONNECTION);
            throw message.error(ErrorCode.TOO_MANY_ROOMS,
                    "a connection may be in at most " + maxRooms + " rooms; leave one first");
        }
        switch (policy.check(session.principal(), roomId)) {
            case FORBIDDEN -> throw message.error(ErrorCode.FORBIDDEN, "room '" + roomId + "' is private");
            case NOT_FOUND -> throw message.error(ErrorCode.ROOM_NOT_FOUND, "room '" + roomId + "' does not exist");
            case ALLOWED -> {
                Optional<StreamPosition> since = Positions.read(message, "since");
                node.join(session, roomId, since, answerTo(message)).whenComplete((recovery, failure) -> {
                    if (failure != null) {
                        node.replyError(session, message.error(ErrorCode.PUBLISH_FAILED, "could not join: try again"));
                    } else if (since.isPresent()) {
                        recoveries.record(RecoveryMeters.Stream.ROOM, recovery);
                    }
                });
            }
        }
    }

    private void resume(Session session, InboundMessage message) {
        Optional<StreamPosition> since = Positions.read(message, "since");
        node.resume(session, since, message.messageId(), answerTo(message)).thenAccept(recovery -> {
            if (since.isPresent()) {
                recoveries.record(RecoveryMeters.Stream.USER, recovery);
            }
        });
    }

    /** The kept messages of a room, under the rules of a join: a private room's only for its members. */
    private void history(Session session, InboundMessage message) {
        String roomId = roomId(message);
        int limit = message.optionalInt("limit", DEFAULT_HISTORY_LIMIT, 1, MAX_HISTORY_LIMIT);
        long before = message.optionalLong("before", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        switch (policy.check(session.principal(), roomId)) {
            case FORBIDDEN -> throw message.error(ErrorCode.FORBIDDEN, "room '" + roomId + "' is private");
            case NOT_FOUND -> throw message.error(ErrorCode.ROOM_NOT_FOUND, "room '" + roomId + "' does not exist");
            case ALLOWED -> answer(session, message, node.history(roomId, limit, before, maxHistoryBytes)
                    .thenApply(page -> HistoryAnswers.payload(node.frames().object().put("room_id", roomId), page)));
        }
    }

    private void leave(Session session, InboundMessage message) {
        String roomId = roomId(message);
        if (!node.leave(session, roomId)) {
            throw message.error(ErrorCode.NOT_IN_ROOM, "not in room '" + roomId + "'");
        }
        ack(session, message, node.frames().object().put("room_id", roomId));
    }

    private void roomMessage(Session session, InboundMessage message) {
        String roomId = joinedRoomId(session, message);
        ObjectNode payload = node.frames().object().put("room_id", roomId);
        payload.set("message", message.requiredValue("message"));
        Frames.Built frame = node.frames().event(MessageType.ROOM_MESSAGE, payload, session.userId());
        answerPublished(session, message, publishOnce(session, message, new Topic.Room(roomId), frame));
    }

    private void typing(Session session, InboundMessage message) {
        String roomId = joinedRoomId(session, message);
        ObjectNode payload = node.frames().object()
                .put("room_id", roomId)
                .put("is_typing", message.optionalBoolean("is_typing", true));
        answerPublished(session, message, node.publish(new Topic.Room(roomId), MessageType.TYPING, payload,
                session.userId(), new Publication.Exclusion.User(session.userId())));
    }

    private void chat(Session session, InboundMessage message) {
        String to = message.requiredText("to");
        if (to.length() > MAX_USER_ID_LENGTH) {
            throw message.error(ErrorCode.INVALID_FIELD, "payload.to is longer than " + MAX_USER_ID_LENGTH);
        }
        ObjectNode payload = node.frames().object().put("to", to);
        payload.set("message", message.requiredValue("message"));
        Frames.Built chat = node.frames().event(MessageType.CHAT, payload, session.userId());
        CompletionStage<String> published = publishOnce(session, message, new Topic.User(to), chat);
        if (!to.equals(session.userId())) {
            // The sender's other devices see the conversation too: the same frame, the same message id
            // (not again for a resend: they had it the first time).
            published.thenAccept(counted -> {
                if (counted.equals(chat.messageId())) {
                    node.publish(new Topic.User(session.userId()), chat,
                            new Publication.Exclusion.Connection(session.id()));
                }
            });
        }
        answerPublished(session, message, published);
    }

    /**
     * Publishes to every recipient; with a client {@code message_id} and {@code "dedup": true}, only if
     * this user did not publish that id to this topic within the window (a resend after a lost ack).
     * Completes with the server id that counts, the first one for a resend.
     */
    private CompletionStage<String> publishOnce(Session session, InboundMessage message, Topic topic, Frames.Built frame) {
        if (message.messageId() == null || !message.dedup()) {
            return node.publish(topic, frame, Publication.Exclusion.NONE);
        }
        return node.publishOnce(topic, frame, Publication.Exclusion.NONE,
                new Once(session.userId(), message.messageId(), frame.messageId(), dedupWindow));
    }

    /** Acks with the server message id once published. */
    private void answerPublished(Session session, InboundMessage message, CompletionStage<String> published) {
        answer(session, message, published.thenApply(serverId ->
                node.frames().object().put("server_message_id", serverId)));
    }

    /** Acks once the stage completes, or answers {@code publish_failed} if it failed. */
    private void answer(Session session, InboundMessage message, CompletionStage<ObjectNode> outcome) {
        outcome.whenComplete((details, failure) -> {
            if (failure != null) {
                node.replyError(session, message.error(ErrorCode.PUBLISH_FAILED, "could not publish: try again"));
            } else {
                ack(session, message, details);
            }
        });
    }

    private void ack(Session session, InboundMessage message, ObjectNode details) {
        answerTo(message).apply(details).forEach(frame -> node.reply(session, frame));
    }

    /** The ack of a message as the frames to send: none if the client gave the message no id. */
    private Function<ObjectNode, List<OutboundFrame>> answerTo(InboundMessage message) {
        return details -> message.messageId() == null
                ? List.of()
                : List.of(node.frames().ack(message.messageId(), details));
    }

    /** Pings are free (they are heartbeats); typing draws on its own budget, everything else on the message budget. */
    private void checkRate(Session session, InboundMessage message) {
        if (message.type() == MessageType.PING) {
            return;
        }
        boolean typing = message.type() == MessageType.TYPING;
        RateLimits current = limits.current();
        RateLimiter limiter = typing ? current.typingPerUser() : current.messagesPerUser();
        Duration wait = limiter.tryAcquire(session.userId());
        if (!wait.isZero()) {
            refusals.refused(typing ? LimitRefusals.Limit.TYPING : LimitRefusals.Limit.MESSAGES);
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "more than %d %s a minute"
                    .formatted(limiter.limit(), typing ? "typing events" : "messages"), message.messageId(), wait);
        }
    }

    private static String roomId(InboundMessage message) {
        String roomId = message.requiredText("room_id");
        if (!RoomIds.valid(roomId)) {
            throw message.error(ErrorCode.INVALID_FIELD, "payload.room_id must be 1 to " + RoomIds.MAX_LENGTH
                    + " letters, digits or _ - . : @");
        }
        return roomId;
    }

    private static String joinedRoomId(Session session, InboundMessage message) {
        String roomId = roomId(message);
        if (!session.inRoom(roomId)) {
            throw message.error(ErrorCode.NOT_IN_ROOM, "join room '" + roomId + "' before sending to it");
        }
        return roomId;
    }
}
