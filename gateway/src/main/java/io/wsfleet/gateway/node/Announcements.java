package io.wsfleet.gateway.node;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsfleet.gateway.broker.Publication;
import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.presence.PresenceEvents;
import io.wsfleet.gateway.presence.PresenceStore;
import io.wsfleet.gateway.protocol.MessageType;

/**
 * Publishes presence events for the transitions the {@link PresenceStore} reports: a user online and
 * offline (to the sessions that subscribed to the user's presence, and offline also to the rooms the
 * user's last device was in; to everyone instead when the fleet-wide announcement is on), a user's
 * additional device (to the user's other devices), a user joining or leaving a room (to the room).
 * Also announces transitions that another gateway's death caused, which no local session saw.
 */
final class Announcements implements PresenceEvents {
    private final Node node;
    private final Frames frames;
    private final boolean fleetWide;

    /** @param fleetWide {@code presence.announce-online}: online and offline to every session, for small deployments */
    Announcements(Node node, Frames frames, boolean fleetWide) {
        this.node = node;
        this.frames = frames;
        this.fleetWide = fleetWide;
    }

    /** A device was recorded for {@code connectionId}. */
    void connected(String userId, String connectionId, PresenceStore.Connected connected) {
        if (connected.firstDevice()) {
            node.publish(presenceTopic(userId), MessageType.USER_ONLINE, transition(userId, connected.seq()), userId,
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
        leftRoom(roomId, userId);
    }

    /**
     * Not to the user's own devices: they are in the room only if one joined again before this was delivered
     * (a reconnect faster than the store, with no reconnect grace), and must not hear that they left.
     */
    CompletionStage<String> leftRoom(String roomId, String userId) {
        return node.publish(new Topic.Room(roomId), MessageType.USER_LEFT, room(roomId).put("user_id", userId), userId,
                new Publication.Exclusion.User(userId));
    }

    /**
     * The user's last device ended; {@code rooms} are those it was in, whose remaining members hear it
     * after the {@code user_left} already published there (one frame, one message id, on every topic).
     */
    @Override
    public void userOffline(String userId, long seq, Collection<String> rooms) {
        offlineToRooms(userId, userOfflineToWatchers(userId, seq), rooms);
    }

    /** The user's last device ended: tells those who watch the user's presence; returns the frame for its rooms. */
    Frames.Built userOfflineToWatchers(String userId, long seq) {
        Frames.Built offline = frames.event(MessageType.USER_OFFLINE, transition(userId, seq), userId);
        node.publish(presenceTopic(userId), offline, Publication.Exclusion.NONE);
        return offline;
    }

    /**
     * The same {@code user_offline} to the rooms the user's last device left (already told fleet-wide); not to
     * the user's own devices, as for {@code user_left}.
     */
    List<CompletionStage<String>> offlineToRooms(String userId, Frames.Built offline, Collection<String> rooms) {
        if (fleetWide) {
            return List.of();
        }
        return rooms.stream().map(roomId -> node.publish(new Topic.Room(roomId), offline,
                new Publication.Exclusion.User(userId))).toList();
    }

    ObjectNode room(String roomId) {
        return frames.object().put("room_id", roomId);
    }

    private Topic presenceTopic(String userId) {
        return fleetWide ? Topic.BROADCAST : new Topic.Presence(userId);
    }

    private ObjectNode transition(String userId, long seq) {
        return user(userId).put("seq", seq);
    }

    private ObjectNode user(String userId) {
        return frames.object().put("user_id", userId);
    }
}
