package io.wsfleet.gateway.presence.redis;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.wsfleet.gateway.presence.PresenceEvents;
import io.wsfleet.gateway.presence.PresenceStore;
import io.wsfleet.gateway.presence.StoreUnavailableException;
import io.wsfleet.gateway.redis.RedisConnections;

/**
 * Presence shared by every gateway through Redis. Each transition (first device of a user, first
 * device of a user in a room, and their reverse) is decided by one Lua script on one slot, so two
 * gateways never both announce it.
 *
 * <p>Leases: each gateway records what it added under its own node key and refreshes a lease key
 * every quarter of the lease. A gateway that dies without cleaning up stops refreshing; when its lease
 * has expired, the first surviving gateway to remove it from the node set undoes its entries and
 * announces the resulting {@code user_left}/{@code user_offline} once. Users of a dead gateway are
 * thus reported offline within one lease plus one refresh period.
 *
 * <p>Calls block for at most the Redis command timeout; they run on virtual threads, never on an
 * event loop.
 */
public final class RedisPresence implements PresenceStore {
    private static final System.Logger LOG = System.getLogger(RedisPresence.class.getName());

    // A user's transitions are numbered by the Redis server's clock in microseconds, read in the script
    // that decides them: the user's keys live on one shard, whose scripts run one at a time.
    private static final String SEQ = "local t = redis.call('TIME'); local seq = t[1] * 1000000 + t[2]\n";
    // KEYS[1] user's devices; ARGV connection, node, most devices. Counts and records in one step, so
    // that parallel upgrades on any number of gateways never record more.
    // Returns {added, devices after, refused, seq of the online transition or 0}.
    private static final String CONNECT = SEQ + """
            local devices = redis.call('HLEN', KEYS[1])
            if devices >= tonumber(ARGV[3]) and redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
              return {0, devices, 1, 0}
            end
            local added = redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            local after = redis.call('HLEN', KEYS[1])
            if added == 1 and after == 1 then return {added, after, 0, seq} end
            return {added, after, 0, 0}""";
    // KEYS[1] user's devices; ARGV connection, owning node: a device recorded again by another node id
    // (its gateway re-asserted it after losing its lease) is not removed on the old id's behalf.
    // Returns the seq of the offline transition, or 0.
    private static final String DISCONNECT = SEQ + """
            local removed = 0
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then removed = redis.call('HDEL', KEYS[1], ARGV[1]) end
            if removed == 1 and redis.call('HLEN', KEYS[1]) == 0 then return {seq} end
            return {0}""";
    // KEYS[1] user's devices in the room (connection -> node), KEYS[2] room members; ARGV connection,
    // user, node. Returns {added, devices in the room after}.
    private static final String JOIN = """
            local added = redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            redis.call('SADD', KEYS[2], ARGV[2])
            return {added, redis.call('HLEN', KEYS[1])}""";
    // KEYS[1] user's devices in the room, KEYS[2] room members; ARGV connection, user, owning node.
    private static final String LEAVE = """
            local removed = 0
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[3] then removed = redis.call('HDEL', KEYS[1], ARGV[1]) end
            local left = redis.call('HLEN', KEYS[1])
            if left == 0 then redis.call('SREM', KEYS[2], ARGV[2]) end
            return {removed, left}""";

    private final RedisClusterCommands<String, String> redis;
    private final PresenceKeys keys;
    private final String baseNodeId;
    private final Duration lease;
    /** Changes when this node finds its lease lost: what it records again is then told apart from what it had. */
    private volatile String nodeId;
    private int generation;

    public RedisPresence(RedisConnections connections, String prefix, String nodeId, Duration lease) {
        this.redis = connections.sync();
        this.keys = new PresenceKeys(prefix);
        this.baseNodeId = nodeId;
        this.nodeId = nodeId;
        this.lease = lease;
    }

    @Override
    public Connected connect(String userId, String connectionId, int maxDevices) {
        return call(() -> {
            String node = nodeId;
            // The node's entry first: if this gateway dies right after the script, its device is still undone.
            redis.hset(keys.nodeEntries(node), NodeEntry.device(connectionId), userId);
            List<Long> result = script(CONNECT, List.of(keys.devices(userId)), connectionId, node,
                    String.valueOf(maxDevices));
            boolean refused = result.get(2) == 1;
            if (refused) {
                redis.hdel(keys.nodeEntries(node), NodeEntry.device(connectionId));
            }
            return new Connected(result.get(0) == 1, result.get(1).intValue(), refused, result.get(3));
        });
    }

    @Override
    public long offline(String userId, String connectionId) {
        return call(() -> {
            String node = nodeId;
            long seq = disconnectDevice(userId, connectionId, node);
            redis.hdel(keys.nodeEntries(node), NodeEntry.device(connectionId));
            return seq;
        });
    }

    @Override
    public int devices(String userId) {
        return call(() -> redis.hlen(keys.devices(userId)).intValue());
    }

    @Override
    public boolean join(String roomId, String userId, String connectionId) {
        return call(() -> {
            String node = nodeId;
            redis.hset(keys.nodeEntries(node), NodeEntry.room(connectionId, roomId), userId);
            List<Long> result = script(JOIN, List.of(keys.roomDevices(roomId, userId), keys.members(roomId)),
                    connectionId, userId, node);
            return result.get(0) == 1 && result.get(1) == 1;
        });
    }

    @Override
    public boolean leave(String roomId, String userId, String connectionId) {
        return call(() -> {
            String node = nodeId;
            boolean last = leaveRoom(roomId, userId, connectionId, node);
            redis.hdel(keys.nodeEntries(node), NodeEntry.room(connectionId, roomId));
            return last;
        });
    }

    @Override
    public Set<String> members(String roomId) {
        return call(() -> redis.smembers(keys.members(roomId)));
    }

    @Override
    public void removeStale(BiPredicate<String, String> holds, PresenceEvents events) {
        call(() -> {
            undo(nodeId, entry -> !holds.test(entry.connectionId(), entry.roomId()), events);
            return null;
        });
    }

    @Override
    public void startLeases(ScheduledExecutorService scheduler, PresenceEvents events, Runnable leaseLost) {
        call(() -> {
            redis.set(keys.nodeLease(nodeId), "alive", SetArgs.Builder.px(lease.toMillis()));
            redis.sadd(keys.nodes(), nodeId);
            return null;
        });
        long period = lease.toMillis() / 4;
        scheduler.scheduleWithFixedDelay(() -> Thread.ofVirtual().name("wsfleet-presence-lease").start(
                () -> tick(events, leaseLost)), period, period, TimeUnit.MILLISECONDS);
    }

    /** Refreshes this node's lease, then reaps nodes whose lease expired. */
    private void tick(PresenceEvents events, Runnable leaseLost) {
        try {
            String previous = redis.setGet(keys.nodeLease(nodeId), "alive", SetArgs.Builder.px(lease.toMillis()));
            if (redis.sadd(keys.nodes(), nodeId) == 1 || previous == null) {
                // Our lease had expired (a partition, a Redis restart): another node may be undoing our
                // entries right now, or they are gone with Redis. Record everything again under a new
                // id, so that the undoing of the old id cannot remove what we record now.
                String lost = nodeId;
                nodeId = baseNodeId + "." + (++generation);
                redis.set(keys.nodeLease(nodeId), "alive", SetArgs.Builder.px(lease.toMillis()));
                redis.sadd(keys.nodes(), nodeId);
                LOG.log(Level.WARNING, "presence lease of node {0} was lost; re-asserting local presence as {1}",
                        lost, nodeId);
                leaseLost.run();
            }
            for (String other : redis.smembers(keys.nodes())) {
                if (!other.equals(nodeId) && redis.exists(keys.nodeLease(other)) == 0
                        && redis.srem(keys.nodes(), other) == 1) {
                    // This node won the removal: it alone announces the dead node's users.
                    LOG.log(Level.INFO, "node {0} stopped refreshing its presence lease; removing its users", other);
                    undo(other, entry -> true, events);
                }
            }
        } catch (RedisException e) {
            LOG.log(Level.DEBUG, "presence lease refresh skipped: Redis unavailable", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "presence lease refresh failed", e);
        }
    }

    /** Undoes the matching entries a node recorded, rooms before devices, announcing transitions. */
    private void undo(String node, Predicate<NodeEntry> matching, PresenceEvents events) {
        String entriesKey = keys.nodeEntries(node);
        Map<String, String> entries = redis.hgetall(entriesKey);
        List<NodeEntry> stale = entries.entrySet().stream()
                .map(entry -> NodeEntry.parse(entry.getKey(), entry.getValue()))
                .filter(matching)
                .sorted((a, b) -> Boolean.compare(a.isDevice(), b.isDevice()))
                .toList();
        Map<String, List<String>> leftRoomsByUser = new HashMap<>();
        for (NodeEntry entry : stale) {
            if (entry.isDevice()) {
                long seq = disconnectDevice(entry.userId(), entry.connectionId(), node);
                if (seq != 0) {
                    events.userOffline(entry.userId(), seq, leftRoomsByUser.getOrDefault(entry.userId(), List.of()));
                }
            } else if (leaveRoom(entry.roomId(), entry.userId(), entry.connectionId(), node)) {
                events.userLeftRoom(entry.roomId(), entry.userId());
                leftRoomsByUser.computeIfAbsent(entry.userId(), user -> new ArrayList<>()).add(entry.roomId());
            }
            redis.hdel(entriesKey, entry.field());
        }
    }

    /** Removes a device recorded by {@code node}; the seq of the offline transition if the user has none left, else 0. */
    private long disconnectDevice(String userId, String connectionId, String node) {
        return script(DISCONNECT, List.of(keys.devices(userId)), connectionId, node).get(0);
    }

    /** Removes a device from a room, as recorded by {@code node}; true if the user has none left there. */
    private boolean leaveRoom(String roomId, String userId, String connectionId, String node) {
        List<Long> result = script(LEAVE, List.of(keys.roomDevices(roomId, userId), keys.members(roomId)),
                connectionId, userId, node);
        return result.get(0) == 1 && result.get(1) == 0;
    }

    private List<Long> script(String script, List<String> scriptKeys, String... args) {
        return redis.eval(script, ScriptOutputType.MULTI, scriptKeys.toArray(String[]::new), args);
    }

    private static <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisException e) {
            throw new StoreUnavailableException("presence store unavailable: " + e.getMessage(), e);
        }
    }
}
