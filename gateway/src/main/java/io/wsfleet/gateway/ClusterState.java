package io.wsfleet.gateway;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import io.wsfleet.gateway.broker.Broker;
import io.wsfleet.gateway.broker.memory.MemoryBroker;
import io.wsfleet.gateway.broker.redis.RedisBroker;
import io.wsfleet.gateway.broker.redis.RoomEncryption;
import io.wsfleet.gateway.config.GatewayConfig;
import io.wsfleet.gateway.fleet.FleetLoads;
import io.wsfleet.gateway.limits.RateLimits;
import io.wsfleet.gateway.limits.redis.LeasedRateLimiter;
import io.wsfleet.gateway.presence.MemoryPresence;
import io.wsfleet.gateway.presence.PresenceStore;
import io.wsfleet.gateway.presence.redis.RedisPresence;
import io.wsfleet.gateway.redis.RedisConnections;
import io.wsfleet.gateway.room.MemoryRoomDirectory;
import io.wsfleet.gateway.room.Room;
import io.wsfleet.gateway.room.RoomDirectory;
import io.wsfleet.gateway.room.redis.RedisRoomDirectory;

/**
 * Where the state shared between gateways lives: in memory for a single gateway, or in Redis for a
 * cluster (broker, presence, room directory and the fleet's connection counts over the same two
 * connections). Encrypted rooms only
 * matter with Redis: in memory nothing leaves the process.
 */
record ClusterState(Broker broker, PresenceStore presence, RoomDirectory directory,
                    Optional<RedisConnections> redis, String prefix, RoomEncryption encryption,
                    Optional<FleetLoads> fleet)
        implements AutoCloseable {

    static ClusterState create(GatewayConfig config, List<Room> seed) {
        RoomEncryption encryption = new RoomEncryption(config.rooms().encryptionKey(), seed);
        return config.redis().map(redis -> redis(redis, seed, encryption))
                .orElseGet(() -> new ClusterState(new MemoryBroker(), new MemoryPresence(),
                        new MemoryRoomDirectory(seed), Optional.empty(), "", encryption, Optional.empty()));
    }

    private static ClusterState redis(GatewayConfig.Redis config, List<Room> seed, RoomEncryption encryption) {
        RedisConnections connections = RedisConnections.open(config);
        String nodeId = Long.toString(new SecureRandom().nextLong() >>> 1, 36);
        return new ClusterState(
                new RedisBroker(connections, config.prefix(), encryption),
                new RedisPresence(connections, config.prefix(), nodeId, config.presenceLease()),
                new RedisRoomDirectory(connections, config.prefix(), seed),
                Optional.of(connections), config.prefix(), encryption,
                Optional.of(new FleetLoads(connections, config.prefix(), nodeId, config.presenceLease())));
    }

    /** The limits, counted over every gateway when they share a Redis, else on this gateway. */
    RateLimits rateLimits(GatewayConfig.Limits limits) {
        return redis.map(connections -> RateLimits.from(limits, (name, limit, period) ->
                        new LeasedRateLimiter(connections, prefix + ":rate:" + name + ":", limit, period)))
                .orElseGet(() -> RateLimits.local(limits));
    }

    /** Runs the listener each time Redis comes back after an outage (never for the in-memory state). */
    void onReconnected(Runnable listener) {
        redis.ifPresent(connections -> connections.onReconnected(listener));
    }

    @Override
    public void close() {
        redis.ifPresent(RedisConnections::close);
    }
}
