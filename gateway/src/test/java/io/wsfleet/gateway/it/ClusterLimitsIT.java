package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.wsfleet.gateway.support.RawUpgrade;
import io.wsfleet.gateway.support.RedisServer;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import io.wsfleet.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

/** With a shared Redis, the limits hold over all gateways together. */
class ClusterLimitsIT {

    private static Map<String, String> cluster(RedisServer redis, String... limits) {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "limits"));
        for (int i = 0; i < limits.length; i += 2) {
            environment.put(limits[i], limits[i + 1]);
        }
        return environment;
    }

    @Test
    void aUsersMessagesAreCountedOverAllItsDevicesOnAllGateways() throws Exception {
        awayFromAMinuteBoundary();
        try (RedisServer redis = RedisServer.start();
             TestGateway a = TestGateway.start(cluster(redis, "MESSAGE_RATE_LIMIT", "10"));
             TestGateway b = TestGateway.start(cluster(redis, "MESSAGE_RATE_LIMIT", "10"));
             TestClient laptop = a.connect("flooder");
             TestClient phone = b.connect("flooder")) {
            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                TestClient device = i % 2 == 0 ? laptop : phone;
                String id = "m" + i;
                device.send("chat", payload("to", "nobody", "message", "spam"), id);
                var answer = device.await(frame -> id.equals(frame.path("payload").path("message_id").asText()));
                outcomes.add(answer.path("type").asText());
            }
            assertThat(outcomes).filteredOn("ack"::equals).hasSize(10);
            assertThat(outcomes).filteredOn("error"::equals).hasSize(2);
        }
    }

    @Test
    void anIpsConnectionsAreCountedOverAllGateways() throws Exception {
        try (RedisServer redis = RedisServer.start();
             TestGateway a = TestGateway.start(cluster(redis, "CONNECTION_RATE_LIMIT", "3"));
             TestGateway b = TestGateway.start(cluster(redis, "CONNECTION_RATE_LIMIT", "3"))) {
            String auth = "Authorization: Bearer " + Tokens.forUser("ip-user");
            assertThat(RawUpgrade.send(a.gateway().port(), "/ws", auth)).startsWith("HTTP/1.1 101");
            assertThat(RawUpgrade.send(b.gateway().port(), "/ws", auth)).startsWith("HTTP/1.1 101");
            assertThat(RawUpgrade.send(a.gateway().port(), "/ws", auth)).startsWith("HTTP/1.1 101");
            assertThat(RawUpgrade.send(b.gateway().port(), "/ws", auth)).startsWith("HTTP/1.1 429");
        }
    }

    @Test
    void aUsersSixthDeviceIsRefusedOnAnotherGateway() throws Exception {
        try (RedisServer redis = RedisServer.start();
             TestGateway a = TestGateway.start(cluster(redis, "MAX_CONNECTIONS_PER_USER", "5"));
             TestGateway b = TestGateway.start(cluster(redis, "MAX_CONNECTIONS_PER_USER", "5"))) {
            List<TestClient> devices = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    devices.add(a.connect("many-devices"));
                }
                String refused = RawUpgrade.send(b.gateway().port(), "/ws",
                        "Authorization: Bearer " + Tokens.forUser("many-devices"));
                assertThat(refused).startsWith("HTTP/1.1 429").contains("too_many_connections");
            } finally {
                devices.forEach(TestClient::close);
            }
        }
    }

    /** Message limits use one-minute windows; a test straddling two windows would get twice the budget. */
    private static void awayFromAMinuteBoundary() throws InterruptedException {
        long intoMinute = System.currentTimeMillis() % 60_000;
        if (intoMinute > 50_000) {
            Thread.sleep(60_000 - intoMinute + 200);
        }
    }
}
