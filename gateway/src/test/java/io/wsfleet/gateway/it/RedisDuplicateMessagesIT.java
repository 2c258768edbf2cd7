package io.wsfleet.gateway.it;

import java.util.Map;

import io.wsfleet.gateway.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** De-duplication across two gateways sharing a standalone Redis: the resend lands on the other one. */
class RedisDuplicateMessagesIT extends DuplicateMessagesContract {
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Override
    protected Map<String, String> redisEnvironment() {
        return Map.of("REDIS_URL", redis.uri());
    }
}
