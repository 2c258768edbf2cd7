package io.wsfleet.gateway.presence;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Presence of a single gateway. Each transition is decided inside one atomic map update. */
public final class MemoryPresence implements PresenceStore {
    private final Map<String, Set<String>> devicesByUser = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Set<String>>> devicesByRoomAndUser = new ConcurrentHashMap<>();

    @Override
    public int connect(String userId, String connectionId) {
        return add(devicesByUser, userId, connectionId);
    }

    @Override
    public int disconnect(String userId, String connectionId) {
        return remove(devicesByUser, userId, connectionId);
    }

    @Override
    public int devices(String userId) {
        // Read under the key's lock: the sets are plain HashSets mutated inside compute().
        AtomicInteger count = new AtomicInteger();
        devicesByUser.computeIfPresent(userId, (ignored, devices) -> {
            count.set(devices.size());
            return devices;
        });
        return count.get();
    }

    @Override
    public boolean join(String roomId, String userId, String connectionId) {
        AtomicBoolean first = new AtomicBoolean();
        devicesByRoomAndUser.compute(roomId, (ignored, users) -> {
            Map<String, Set<String>> members = users != null ? users : new ConcurrentHashMap<>();
            first.set(add(members, userId, connectionId) == 1);
            return members;
        });
        return first.get();
    }

    @Override
    public boolean leave(String roomId, String userId, String connectionId) {
        AtomicBoolean last = new AtomicBoolean();
        devicesByRoomAndUser.computeIfPresent(roomId, (ignored, members) -> {
            boolean wasMember = members.containsKey(userId);
            last.set(remove(members, userId, connectionId) == 0 && wasMember);
            return members.isEmpty() ? null : members;
        });
        return last.get();
    }

    @Override
    public Set<String> members(String roomId) {
        return Set.copyOf(devicesByRoomAndUser.getOrDefault(roomId, Map.of()).keySet());
    }

    @Override
    public int onlineUsers() {
        return devicesByUser.size();
    }

    /** Adds a device under a key; returns the key's device count after. */
    private static int add(Map<String, Set<String>> index, String key, String device) {
        AtomicInteger count = new AtomicInteger();
        index.compute(key, (ignored, devices) -> {
            Set<String> set = devices != null ? devices : new HashSet<>();
            set.add(device);
            count.set(set.size());
            return set;
        });
        return count.get();
    }

    /** Removes a device under a key; returns the key's device count after (0 drops the key). */
    private static int remove(Map<String, Set<String>> index, String key, String device) {
        AtomicInteger count = new AtomicInteger();
        index.computeIfPresent(key, (ignored, devices) -> {
            devices.remove(device);
            count.set(devices.size());
            return devices.isEmpty() ? null : devices;
        });
        return count.get();
    }
}
