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
    public Connected connect(String userId, String connectionId, int maxDevices) {
        AtomicBoolean added = new AtomicBoolean();
        AtomicBoolean refused = new AtomicBoolean();
        AtomicInteger devices = new AtomicInteger();
        devicesByUser.compute(userId, (ignored, current) -> {
            Set<String> set = current != null ? current : new HashSet<>();
            refused.set(!set.contains(connectionId) && set.size() >= maxDevices);
            added.set(!refused.get() && set.add(connectionId));
            devices.set(set.size());
            return set.isEmpty() ? null : set;
        });
        return new Connected(added.get(), devices.get(), refused.get());
    }

    @Override
    public boolean disconnect(String userId, String connectionId) {
        AtomicBoolean last = new AtomicBoolean();
        devicesByUser.computeIfPresent(userId, (ignored, devices) -> {
            last.set(devices.remove(connectionId) && devices.isEmpty());
            return devices.isEmpty() ? null : devices;
        });
        return last.get();
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
            members.compute(userId, (user, devices) -> {
                Set<String> set = devices != null ? devices : new HashSet<>();
                first.set(set.add(connectionId) && set.size() == 1);
                return set;
            });
            return members;
        });
        return first.get();
    }

    @Override
    public boolean leave(String roomId, String userId, String connectionId) {
        AtomicBoolean last = new AtomicBoolean();
        devicesByRoomAndUser.computeIfPresent(roomId, (ignored, members) -> {
            members.computeIfPresent(userId, (user, devices) -> {
                last.set(devices.remove(connectionId) && devices.isEmpty());
                return devices.isEmpty() ? null : devices;
            });
            return members.isEmpty() ? null : members;
        });
        return last.get();
    }

    @Override
    public Set<String> members(String roomId) {
        return Set.copyOf(devicesByRoomAndUser.getOrDefault(roomId, Map.of()).keySet());
    }
}
