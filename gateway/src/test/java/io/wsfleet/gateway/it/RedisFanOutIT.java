package io.wsfleet.gateway.it;

import java.util.Map;

import io.wsfleet.gateway.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The fan-out contract on a standalone Redis with plain pub/sub. */
class RedisFanOutIT extends FanOutContract {
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

    @Override
    protected int subscribers(String channel) {
        return lastInteger(redis.command("PUBSUB", "NUMSUB", channel));
    }
}
