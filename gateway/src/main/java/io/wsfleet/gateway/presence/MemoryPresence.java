package io.wsfleet.gateway.presence;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Presence of a single gateway. Each transition is decided inside one atomic map update. */
public final class MemoryPresence implements PresenceStore {
    private final Map<String, Set<String>> devicesByUser = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Set<String>>> devicesByRoomAndUser = new ConcurrentHashMap<>();
    /** One gateway: a single counter orders every user's transitions. */
    private final AtomicLong transitions = new AtomicLong();

    @Override
    public Connected connect(String userId, String connectionId, int maxDevices) {
        AtomicBoolean added = new AtomicBoolean();
        AtomicBoolean refused = new AtomicBoolean();
        AtomicInteger devices = new AtomicInteger();
        AtomicLong seq = new AtomicLong();
        devicesByUser.compute(userId, (ignored, current) -> {
            Set<String> set = current != null ? current : new HashSet<>();
            refused.set(!set.contains(connectionId) && set.size() >= maxDevices);
            added.set(!refused.get() && set.add(connectionId));
            devices.set(set.size());
            if (added.get() && set.size() == 1) {
                seq.set(transitions.incrementAndGet());
            }
            return set.isEmpty() ? null : set;
        });
        return new Connected(added.get(), devices.get(), refused.get(), seq.get());
    }

    @Override
    public long offline(String userId, String connectionId) {
        AtomicLong seq = new AtomicLong();
        devicesByUser.computeIfPresent(userId, (ignored, devices) -> {
            if (devices.remove(connectionId) && devices.isEmpty()) {
                seq.set(transitions.incrementAndGet());
            }
            return devices.isEmpty() ? null : devices;
        });
        return seq.get();
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
