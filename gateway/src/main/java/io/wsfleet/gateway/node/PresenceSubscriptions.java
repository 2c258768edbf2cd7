package io.wsfleet.gateway.node;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.protocol.ErrorCode;
import io.wsfleet.gateway.protocol.InboundMessage;
import io.wsfleet.gateway.protocol.JsonMappers;
import io.wsfleet.gateway.protocol.OutboundFrame;
import io.wsfleet.gateway.session.Session;

/**
 * Which local sessions subscribed to which users' presence ({@code presence_subscribe}), at most
 * {@link #MAX_PER_CONNECTION} users per connection. The node holds a user's presence topic while a
 * local session subscribed to it, so the events of that user reach this gateway from any other.
 *
 * <p>Order: every {@code user_online}/{@code user_offline} carries the {@code seq} the presence store
 * gave its transition. Two gateways may publish one user's transitions in the other order than they
 * happened; a frame older than the last one delivered here for that user is dropped, so subscribers
 * see the user's changes in order and end with the current state.
 */
final class PresenceSubscriptions {
    private static final System.Logger LOG = System.getLogger(PresenceSubscriptions.class.getName());
    /** Most users one connection may subscribe to. */
    static final int MAX_PER_CONNECTION = 100;
    private static final long SUBSCRIBE_WAIT_SECONDS = 5;

    private final Node node;
    private final TopicSubscriptions topics;
    private final ObjectMapper json = JsonMappers.create();
    private final Map<String, Set<Session>> subscribersByUser = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> usersBySession = new ConcurrentHashMap<>();
    private final Map<String, Long> lastSeqByUser = new ConcurrentHashMap<>();

    PresenceSubscriptions(Node node, TopicSubscriptions topics) {
        this.node = node;
        this.topics = topics;
    }

    /** Subscribes; the ack says how many users the connection follows and which of the named are online. */
    void subscribe(Session session, InboundMessage message) {
        Set<String> asked = message.requiredTextList("user_ids", MAX_PER_CONNECTION, ClientMessages.MAX_USER_ID_LENGTH);
        Set<String> added = new HashSet<>();
        Set<String> following = usersBySession.compute(session.id(), (id, current) -> {
            Set<String> users = current != null ? current : new HashSet<>();
            Set<String> after = new HashSet<>(users);
            after.addAll(asked);
            if (after.size() > MAX_PER_CONNECTION) {
                throw message.error(ErrorCode.INVALID_FIELD, "a connection may follow at most " + MAX_PER_CONNECTION
                        + " users' presence; unsubscribe some first");
            }
            asked.stream().filter(users::add).forEach(added::add);
            return users;
        });
        List<CompletableFuture<Void>> subscribed = new ArrayList<>();
        for (String userId : added) {
            subscribersByUser.compute(userId, (id, sessions) -> {
                Set<Session> set = sessions != null ? sessions : ConcurrentHashMap.newKeySet();
                if (set.isEmpty()) {
                    subscribed.add(topics.acquire(new Topic.Presence(userId)).toCompletableFuture());
                }
                set.add(session);
                return set;
            });
        }
        if (session.ended()) {
            removeAll(session);
            return;
        }
        awaitSubscribed(subscribed);
        // Read once the topics are held: a change after this reading arrives as an event.
        ObjectNode answer = node.frames().object().put("following", following.size());
        var online = answer.putArray("online");
        node.online(asked).forEach(online::add);
        ack(session, message, answer);
    }

    void unsubscribe(Session session, InboundMessage message) {
        Set<String> asked = message.requiredTextList("user_ids", MAX_PER_CONNECTION, ClientMessages.MAX_USER_ID_LENGTH);
        Set<String> removed = new HashSet<>();
        Set<String> following = usersBySession.computeIfPresent(session.id(), (id, users) -> {
            asked.stream().filter(users::remove).forEach(removed::add);
            return users.isEmpty() ? null : users;
        });
        removed.forEach(userId -> drop(userId, session));
        ack(session, message, node.frames().object().put("following", following == null ? 0 : following.size()));
    }

    /** Ends an ended session's subscriptions. */
    void removeAll(Session session) {
        Set<String> users = usersBySession.remove(session.id());
        if (users != null) {
            users.forEach(userId -> drop(userId, session));
        }
    }

    /** The local subscribers of a user's presence event; none if the event is older than one delivered before. */
    Collection<Session> recipients(String userId, OutboundFrame frame) {
        long seq = seq(frame);
        boolean[] newer = {false};
        lastSeqByUser.compute(userId, (id, last) -> {
            newer[0] = last == null || seq > last;
            return newer[0] ? seq : last;
        });
        if (!newer[0]) {
            LOG.log(Level.DEBUG, "dropped a presence event of {0} older than one delivered (seq {1})", userId, seq);
            return List.of();
        }
        return subscribersByUser.getOrDefault(userId, Set.of());
    }

    private void drop(String userId, Session session) {
        subscribersByUser.computeIfPresent(userId, (id, sessions) -> {
            sessions.remove(session);
            if (!sessions.isEmpty()) {
                return sessions;
            }
            topics.release(new Topic.Presence(userId));
            lastSeqByUser.remove(userId);
            return null;
        });
    }

    private long seq(OutboundFrame frame) {
        try {
            JsonNode parsed = json.readTree(frame.text());
            return parsed.path("payload").path("seq").asLong();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return 0;
        }
    }

    private void ack(Session session, InboundMessage message, ObjectNode details) {
        if (message.messageId() != null) {
            node.reply(session, node.frames().ack(message.messageId(), details));
        }
    }

    /** The broker retries a subscription that failed; the answer need not wait for that. */
    private static void awaitSubscribed(List<CompletableFuture<Void>> subscribed) {
        try {
            CompletableFuture.allOf(subscribed.toArray(CompletableFuture[]::new))
                    .get(SUBSCRIBE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.log(Level.DEBUG, "presence subscription not confirmed yet; the broker retries it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
