package io.wsfleet.gateway.it;

import java.util.Map;

import io.wsfleet.gateway.support.RedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * De-duplication across two gateways on a 3-master Redis Cluster: the script's key must share the
 * shard channel's slot.
 */
class RedisClusterDuplicateMessagesIT extends DuplicateMessagesContract {
    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Override
    protected Map<String, String> redisEnvironment() {
        return Map.of("REDIS_URL", cluster.uri(), "REDIS_CLUSTER", "true");
    }
}
