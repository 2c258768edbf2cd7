package io.wsfleet.gateway.node;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsfleet.gateway.protocol.InboundMessage;
import io.wsfleet.gateway.room.AccessPolicy;
import io.wsfleet.gateway.session.Session;

/**
 * The questions a client may ask about presence, answered in the ack of the question: which of some
 * users are online ({@code online}), and who is in a room ({@code members}, with the access rule of
 * joining it). Both are cluster-wide: they read the presence store.
 */
final class PresenceQueries {
    /** Most user ids one {@code online} question (or one {@code presence_subscribe}) may name. */
    static final int MAX_USER_IDS = 100;

    private final Node node;
    private final AccessPolicy policy;

    PresenceQueries(Node node, AccessPolicy policy) {
        this.node = node;
        this.policy = policy;
    }

    void online(Session session, InboundMessage message) {
        String messageId = message.requiredMessageId();
        Set<String> asked = message.requiredTextList("user_ids", MAX_USER_IDS, ClientMessages.MAX_USER_ID_LENGTH);
        ObjectNode answer = node.frames().object();
        var online = answer.putArray("online");
        node.online(asked).forEach(online::add);
        node.reply(session, node.frames().ack(messageId, answer));
    }

    void members(Session session, InboundMessage message) {
        String messageId = message.requiredMessageId();
        String roomId = ClientMessages.roomId(message);
        RoomAccess.check(policy, session, message, roomId);
        node.reply(session, node.frames().ack(messageId, node.members(roomId)));
    }
}
