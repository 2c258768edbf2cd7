package io.wsfleet.gateway.limits.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.wsfleet.gateway.config.GatewayConfig;
import io.wsfleet.gateway.redis.RedisConnections;
import io.wsfleet.gateway.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two gateways' limiters sharing one Redis, on a clock the test moves. */
class LeasedRateLimiterIT {
    private static RedisServer redis;
    private static RedisConnections connections;
    private final AtomicLong now = new AtomicLong(Duration.ofDays(20_000).toMillis());
    private LeasedRateLimiter gatewayA;
    private LeasedRateLimiter gatewayB;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
        connections = RedisConnections.open(new GatewayConfig.Redis(List.of(redis.uri()), false, false, Optional.empty(), "rl", Duration.ofSeconds(20)));
    }

    @AfterAll
    static void stopRedis() {
        connections.close();
        redis.close();
    }

    @BeforeEach
    void limiters() {
        redis.command("FLUSHALL");
        gatewayA = new LeasedRateLimiter(connections, "rl:test:", 40, Duration.ofMinutes(1), now::get);
        gatewayB = new LeasedRateLimiter(connections, "rl:test:", 40, Duration.ofMinutes(1), now::get);
    }

    @Test
    void gatewaysTogetherNeverGrantMoreThanTheLimitInAWindow() {
        int granted = 0;
        for (int i = 0; i < 100; i++) {
            LeasedRateLimiter gateway = i % 3 == 0 ? gatewayA : gatewayB;
            if (gateway.tryAcquire("alice").isZero()) {
                granted++;
            }
        }
        // Each gateway may lose at most one unspent chunk (limit / 20 = 2) to the other.
        assertThat(granted).isBetween(40 - 2, 40);
        assertThat(gatewayA.tryAcquire("alice")).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aUserOnOneGatewayGetsTheWholeLimit() {
        for (int i = 0; i < 40; i++) {
            assertThat(gatewayA.tryAcquire("bob")).isZero();
        }
        assertThat(gatewayA.tryAcquire("bob")).isPositive();
        assertThat(gatewayB.tryAcquire("bob")).as("the other gateway sees the same count").isPositive();
    }

    @Test
    void theNextWindowStartsAfresh() {
        for (int i = 0; i < 41; i++) {
            gatewayA.tryAcquire("carol");
        }
        assertThat(gatewayA.tryAcquire("carol")).isPositive();
        now.addAndGet(Duration.ofMinutes(1).toMillis());
        assertThat(gatewayA.tryAcquire("carol")).isZero();
    }

    @Test
    void keysAreIndependent() {
        for (int i = 0; i < 41; i++) {
            gatewayA.tryAcquire("dave");
        }
        assertThat(gatewayA.tryAcquire("erin")).isZero();
    }

    @Test
    void eachLeaseSendsTheScriptsDigestNotItsText() {
        redis.command("SCRIPT", "FLUSH");
        redis.command("CONFIG", "RESETSTAT");
        for (String user : List.of("gina", "hank", "ivan", "jane")) {
            assertThat(gatewayA.tryAcquire(user)).isZero();
        }
        String stats = redis.command("INFO", "commandstats");
        // the first lease finds no script (NOSCRIPT) and sends its text once; every lease is an EVALSHA
        assertThat(stats).contains("cmdstat_evalsha:calls=4,").contains("cmdstat_eval:calls=1,");
    }

    @Test
    void countsLocallyWhileRedisIsDown() {
        redis.kill();
        try {
            // Neither refused wholesale nor unlimited: the local bucket of the same size applies.
            int granted = 0;
            for (int i = 0; i < 50; i++) {
                if (gatewayA.tryAcquire("frank").isZero()) {
                    granted++;
                }
            }
            assertThat(granted).isEqualTo(40);
        } finally {
            redis.restart();
            await().atMost(Duration.ofSeconds(15)).until(connections::connected);
        }
    }
}
