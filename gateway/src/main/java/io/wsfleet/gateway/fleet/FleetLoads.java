package io.wsfleet.gateway.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.wsfleet.gateway.redis.RedisConnections;

/**
 * The connection counts of every gateway sharing a Redis: each gateway writes its {@link NodeLoad}
 * under a key of its own that expires after the presence lease, and lists its id in a set. A gateway
 * that stops (or loses Redis) drops out of the fleet when its key expires; readers remove the ids of
 * expired keys from the set. Calls block for at most the Redis command timeout.
 */
public final class FleetLoads {
    private final RedisClusterCommands<String, String> redis;
    private final String prefix;
    private final String nodeId;
    private final Duration ttl;

    public FleetLoads(RedisConnections connections, String prefix, String nodeId, Duration ttl) {
        this.redis = connections.sync();
        this.prefix = prefix;
        this.nodeId = nodeId;
        this.ttl = ttl;
    }

    public String nodeId() {
        return nodeId;
    }

    /** How often a gateway publishes its load: four times per lifetime of the key, as presence leases. */
    public Duration period() {
        return ttl.dividedBy(4);
    }

    void publish(NodeLoad load) {
        redis.set(loadKey(load.nodeId()), load.encode(), SetArgs.Builder.px(ttl.toMillis()));
        redis.sadd(nodesKey(), load.nodeId());
    }

    /** Every gateway's last published load, this one's included. */
    List<NodeLoad> read() {
        List<NodeLoad> loads = new ArrayList<>();
        for (String node : redis.smembers(nodesKey())) {
            String value = redis.get(loadKey(node));
            if (value == null) {
                redis.srem(nodesKey(), node);
            } else {
                NodeLoad.parse(node, value).ifPresent(loads::add);
            }
        }
        return loads;
    }

    private String loadKey(String node) {
        return prefix + ":fleet:load:" + node;
    }

    private String nodesKey() {
        return prefix + ":fleet:nodes";
    }
}
