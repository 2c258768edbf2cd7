package io.wsfleet.gateway.room;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.wsfleet.gateway.session.Session;

/** The sessions of this node, by user and by room: what delivery looks up for each publication. */
public final class LocalRegistry {
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Set<Session>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Set<Session>> byRoom = new ConcurrentHashMap<>();

    public void add(Session session) {
        sessions.put(session.id(), session);
        add(byUser, session.userId(), session);
    }

    public void remove(Session session) {
        sessions.remove(session.id());
        remove(byUser, session.userId(), session);
    }

    public void join(String roomId, Session session) {
        add(byRoom, roomId, session);
    }

    public void leave(String roomId, Session session) {
        remove(byRoom, roomId, session);
    }

    /** Whether this node holds the connection (with a null room) or holds it in the room. */
    public boolean holds(String connectionId, String roomId) {
        Session session = sessions.get(connectionId);
        return session != null && (roomId == null || session.inRoom(roomId));
    }

    public Collection<Session> all() {
        return sessions.values();
    }

    public Collection<Session> ofUser(String userId) {
        return byUser.getOrDefault(userId, Set.of());
    }

    public Collection<Session> inRoom(String roomId) {
        return byRoom.getOrDefault(roomId, Set.of());
    }

    public List<Session> snapshot() {
        return List.copyOf(sessions.values());
    }

    public int connectionCount() {
        return sessions.size();
    }

    public int userCount() {
        return byUser.size();
    }

    public int roomCount() {
        return byRoom.size();
    }

    private static void add(Map<String, Set<Session>> index, String key, Session session) {
        // Inside compute, so that a concurrent remove cannot drop the set this session is added to.
        index.compute(key, (ignored, members) -> {
            Set<Session> set = members != null ? members : ConcurrentHashMap.newKeySet();
            set.add(session);
            return set;
        });
    }

    private static void remove(Map<String, Set<Session>> index, String key, Session session) {
        index.computeIfPresent(key, (ignored, members) -> {
            members.remove(session);
            return members.isEmpty() ? null : members;
        });
    }
}
