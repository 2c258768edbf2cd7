package io.wsfleet.gateway.support;

import static io.wsfleet.gateway.support.TestClient.payload;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

/**
 * The set-up of the Redis fault tests: two gateways on one Redis (prefix {@code <name>}), alice on the first
 * and bob on the second, both in room {@code <name>-room}.
 */
public record SharedRoom(TestGateway a, TestGateway b, TestClient alice, TestClient bob, String room) implements AutoCloseable {

    public static SharedRoom start(String redisUrl, String name) {
        Map<String, String> environment = Map.of("REDIS_URL", redisUrl, "REDIS_PREFIX", name);
        TestGateway a = TestGateway.start(environment);
        TestGateway b = null;
        TestClient alice = null;
        try {
            b = TestGateway.start(environment);
            alice = a.connect(name + "-alice");
            TestClient bob = b.connect(name + "-bob");
            SharedRoom shared = new SharedRoom(a, b, alice, bob, name + "-room");
            alice.join(shared.room());
            bob.join(shared.room());
            return shared;
        } catch (RuntimeException e) {
            for (AutoCloseable started : new AutoCloseable[] {alice, b, a}) {
                closeQuietly(started, e);
            }
            throw e;
        }
    }

    /** Sends {@code message} from alice to the room until bob receives it (messages sent while Redis is away are lost). */
    public void awaitDelivery(String message, Duration atMost) {
        await().atMost(atMost).untilAsserted(() -> {
            alice.send("room_message", payload("room_id", room, "message", message), null);
            bob.await(frame -> TestClient.is(frame, "room_message") && frame.path("payload").path("message").asText().equals(message));
        });
    }

    /** Readiness of both gateways, 200 or 503. */
    public boolean bothReady() {
        return a.get("/health/ready").statusCode() == 200 && b.get("/health/ready").statusCode() == 200;
    }

    @Override
    public void close() {
        bob.close();
        alice.close();
        b.close();
        a.close();
    }

    private static void closeQuietly(AutoCloseable started, RuntimeException failure) {
        if (started == null) {
            return;
        }
        try {
            started.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
