package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.wsfleet.gateway.support.RawUpgrade;
import io.wsfleet.gateway.support.RedisServer;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import io.wsfleet.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * {@code MAX_CONNECTIONS_PER_USER} under parallel upgrades: the device is counted and recorded in one
 * atomic step, so exactly the limit gets through, on one gateway and over two sharing a Redis; while
 * Redis is away no upgrade is admitted at all (503), never an unlimited one.
 */
class ConnectionLimitIT {
    private static final int LIMIT = 5;
    private static final int ATTEMPTS = 20;

    @Test
    void twentyParallelUpgradesOfOneUserOnOneGatewayAdmitExactlyFive() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("MAX_CONNECTIONS_PER_USER", String.valueOf(LIMIT)))) {
            assertExactlyTheLimitIsAdmitted(List.of(gateway, gateway), "crowd-one");
        }
    }

    @Test
    void twentyParallelUpgradesOfOneUserOverTwoGatewaysAdmitExactlyFive() throws Exception {
        try (RedisServer redis = RedisServer.start();
             TestGateway a = TestGateway.start(cluster(redis));
             TestGateway b = TestGateway.start(cluster(redis))) {
            assertExactlyTheLimitIsAdmitted(List.of(a, b), "crowd-two");
        }
    }

    @Test
    void whileRedisIsAwayUpgradesAreRefusedWith503NotAdmittedUnlimited() throws Exception {
        try (RedisServer redis = RedisServer.start();
             TestGateway gateway = TestGateway.start(cluster(redis))) {
            redis.kill();
            await().untilAsserted(() -> assertThat(RawUpgrade.send(gateway.gateway().port(), "/ws",
                    "Authorization: Bearer " + Tokens.forUser("redis-away"))).startsWith("HTTP/1.1 503")
                    .contains("\"error\":\"unavailable\"").containsIgnoringCase("Retry-After: 1"));
            assertThat(gateway.gateway().openConnections()).isZero();
        }
    }

    /** Starts the upgrades together, alternating between the gateways, and keeps the admitted ones open while counting. */
    private static void assertExactlyTheLimitIsAdmitted(List<TestGateway> gateways, String userId) throws Exception {
        List<TestClient> admitted = new ArrayList<>();
        int refused = 0;
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<TestClient>> attempts = new ArrayList<>();
            for (int i = 0; i < ATTEMPTS; i++) {
                TestGateway gateway = gateways.get(i % gateways.size());
                attempts.add(threads.submit(() -> {
                    start.await();
                    return TestClient.connect(TestClient.builder()
                            .header("Authorization", "Bearer " + Tokens.forUser(userId)), gateway.wsUri());
                }));
            }
            start.countDown();
            for (Future<TestClient> attempt : attempts) {
                try {
                    admitted.add(attempt.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(rootCause(e)).isInstanceOf(WebSocketHandshakeException.class);
                    assertThat(((WebSocketHandshakeException) rootCause(e)).getResponse().statusCode()).isEqualTo(429);
                    refused++;
                }
            }
            assertThat(admitted).as("upgrades admitted").hasSize(LIMIT);
            assertThat(refused).as("upgrades refused with 429").isEqualTo(ATTEMPTS - LIMIT);
            admitted.forEach(TestClient::sync);
            assertThat(gateways.get(0).gateway().node().deviceCount(userId)).isEqualTo(LIMIT);
            int open = gateways.stream().distinct().mapToInt(gateway -> gateway.gateway().openConnections()).sum();
            assertThat(open).as("sessions open over the gateways").isEqualTo(LIMIT);
        } finally {
            admitted.forEach(TestClient::close);
        }
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Map<String, String> cluster(RedisServer redis) {
        Map<String, String> environment = new HashMap<>(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "per-user"));
        environment.put("MAX_CONNECTIONS_PER_USER", String.valueOf(LIMIT));
        return environment;
    }
}
