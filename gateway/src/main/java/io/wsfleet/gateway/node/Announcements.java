package io.wsfleet.gateway.node;

import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsfleet.gateway.broker.Publication;
import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.presence.PresenceEvents;
import io.wsfleet.gateway.presence.PresenceStore;
import io.wsfleet.gateway.protocol.MessageType;

/**
 * Publishes presence events for the transitions the {@link PresenceStore} reports: user online and
 * offline (to everyone, when enabled), a user's additional device (to the user's other devices), a
 * user joining or leaving a room (to the room). Also announces transitions that another gateway's
 * death caused, which no local session saw.
 */
final class Announcements implements PresenceEvents {
    private final Node node;
    private final Frames frames;
    private final boolean announceOnline;

    Announcements(Node node, Frames frames, boolean announceOnline) {
        this.node = node;
        this.frames = frames;
        this.announceOnline = announceOnline;
    }

    /** A device was recorded for {@code connectionId}. */
    void connected(String userId, String connectionId, PresenceStore.Connected connected) {
        if (connected.firstDevice() && announceOnline) {
            node.publish(Topic.BROADCAST, MessageType.USER_ONLINE, user(userId), userId,
                    new Publication.Exclusion.User(userId));
        }
        if (connected.additionalDevice()) {
            node.publish(new Topic.User(userId), MessageType.DEVICE_CONNECTED,
                    user(userId).put("device_count", connected.devices()), userId,
                    new Publication.Exclusion.Connection(connectionId));
        }
    }

    CompletionStage<String> userJoinedRoom(String roomId, String userId) {
        return node.publish(new Topic.Room(roomId), MessageType.USER_JOINED, room(roomId).put("user_id", userId), userId,
                Publication.Exclusion.NONE);
    }

    @Override
    public void userLeftRoom(String roomId, String userId) {
        node.publish(new Topic.Room(roomId), MessageType.USER_LEFT, room(roomId).put("user_id", userId), userId,
                Publication.Exclusion.NONE);
    }

    @Override
    public void userOffline(String userId) {
        if (announceOnline) {
            node.publish(Topic.BROADCAST, MessageType.USER_OFFLINE, user(userId), userId, Publication.Exclusion.NONE);
        }
    }

    ObjectNode room(String roomId) {
        return frames.object().put("room_id", roomId);
    }

    private ObjectNode user(String userId) {
        return frames.object().put("user_id", userId);
    }
}
