package io.wsfleet.gateway.room.redis;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.wsfleet.gateway.presence.StoreUnavailableException;
import io.wsfleet.gateway.protocol.JsonMappers;
import io.wsfleet.gateway.redis.RedisConnections;
import io.wsfleet.gateway.room.Room;
import io.wsfleet.gateway.room.RoomDirectory;
import io.wsfleet.gateway.room.RoomType;

/**
 * The room directory shared by every gateway: one hash per room, {@code <prefix>:directory:<room>}
 * with fields {@code type} and {@code members} (a JSON array of user ids). Looked up on join only,
 * never per message, from the connection's virtual thread.
 */
public final class RedisRoomDirectory implements RoomDirectory {
    private static final ObjectMapper JSON = JsonMappers.create();
    private static final TypeReference<List<String>> MEMBERS = new TypeReference<>() { };

    private final RedisClusterCommands<String, String> redis;
    private final String prefix;

    public RedisRoomDirectory(RedisConnections connections, String prefix, List<Room> seed) {
        this.redis = connections.sync();
        this.prefix = prefix + ":directory:";
        seed.forEach(this::put);
    }

    @Override
    public Optional<Room> find(String roomId) {
        Map<String, String> fields = call(() -> redis.hgetall(prefix + roomId));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        RoomType type = RoomType.valueOf(fields.getOrDefault("type", "public").toUpperCase(Locale.ROOT));
        return Optional.of(new Room(roomId, type, new HashSet<>(members(fields.getOrDefault("members", "[]")))));
    }

    @Override
    public void put(Room room) {
        String members;
        try {
            members = JSON.writeValueAsString(room.members().stream().sorted().toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the members of room " + room.id(), e);
        }
        call(() -> redis.hset(prefix + room.id(), Map.of("type", room.type().name().toLowerCase(Locale.ROOT),
                "members", members)));
    }

    private static List<String> members(String json) {
        try {
            return JSON.readValue(json, MEMBERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("room directory entry has unreadable members", e);
        }
    }

    private static <T> T call(java.util.function.Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisException e) {
            throw new StoreUnavailableException("room directory unavailable: " + e.getMessage(), e);
        }
    }
}
