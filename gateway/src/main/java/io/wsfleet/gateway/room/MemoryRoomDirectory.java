package io.wsfleet.gateway.room;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The room directory of a single gateway. */
public final class MemoryRoomDirectory implements RoomDirectory {
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();

    public MemoryRoomDirectory(Collection<Room> seed) {
        seed.forEach(this::put);
    }

    @Override
    public Optional<Room> find(String roomId) {
        return Optional.ofNullable(rooms.get(roomId));
    }

    @Override
    public void put(Room room) {
        rooms.put(room.id(), room);
    }
}
