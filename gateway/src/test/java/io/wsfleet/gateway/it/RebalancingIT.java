package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsfleet.gateway.protocol.CloseCode;
import io.wsfleet.gateway.support.RedisServer;
import io.wsfleet.gateway.support.Scrape;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;

/**
 * A scale-up: 200 connections on one gateway, a second one starts empty. The loaded gateway sheds
 * connections with 1012 until both are within the margin of the mean; each client reconnects to the
 * less loaded gateway (as a load balancer would send it) and recovers the room with its last position,
 * so no client loses or repeats a message of a room that publishes throughout.
 */
class RebalancingIT {
    private static final String ROOM = "rebalance-room";
    private static final int CLIENTS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLoadedGatewayShedsToANewOneUntilBothAreNearTheMeanAndNoMessageIsLost() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            Map<String, String> environment = Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "rebalance",
                    // A rebalancing round every second (a quarter of the lease), at most 50 closes per round.
                    "PRESENCE_LEASE_SECONDS", "4",
                    "REBALANCE_ENABLED", "true", "REBALANCE_MARGIN_PERCENT", "10",
                    "REBALANCE_MAX_SHEDS_PER_SECOND", "50");
            AtomicBoolean stopping = new AtomicBoolean();
            try (TestGateway loaded = TestGateway.start(environment)) {
                List<TestGateway> fleet = new ArrayList<>(List.of(loaded));
                List<RoamingClient> clients = new ArrayList<>();
                try (ExecutorService connecting = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<RoamingClient>> connected = new ArrayList<>();
                    for (int i = 0; i < CLIENTS; i++) {
                        String userId = "roamer-" + i;
                        connected.add(connecting.submit(() -> new RoamingClient(userId, fleet, stopping)));
                    }
                    for (Future<RoamingClient> client : connected) {
                        clients.add(client.get());
                    }
                }
                Publisher publisher = new Publisher(loaded);
                Thread publishing = Thread.ofVirtual().start(publisher);
                await().until(() -> publisher.sent() >= 20);

                try (TestGateway fresh = TestGateway.start(environment)) {
                    try {
                        synchronized (fleet) {
                            fleet.add(fresh);
                        }
                        long started = System.nanoTime();
                        // Within the margin (10%) plus the clients on their way: 15% of the mean of 100.
                        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                                connections(loaded) <= 115 && connections(fresh) >= 85
                                        && connections(loaded) + connections(fresh) == CLIENTS);
                        long balancedAfter = Duration.ofNanos(System.nanoTime() - started).toMillis();
                        // And it stays so: no shedding back and forth once within the margin.
                        Thread.sleep(4000);
                        int onLoaded = connections(loaded);
                        int onFresh = connections(fresh);
                        assertThat(onLoaded).isBetween(85, 115);
                        assertThat(onFresh).isBetween(85, 115);
                        double shed = Scrape.of(loaded).value("wsfleet_rebalance_shed_total");
                        double shedByFresh = Scrape.of(fresh).value("wsfleet_rebalance_shed_total");
                        assertThat(shedByFresh).isZero();
                        assertThat(shed).isBetween(85.0, 150.0);

                        publisher.stop();
                        publishing.join();
                        String last = "r-" + (publisher.sent() - 1);
                        List<String> expected = new ArrayList<>();
                        for (int i = 0; i < publisher.sent(); i++) {
                            expected.add("r-" + i);
                        }
                        int reconnected = 0;
                        await().atMost(Duration.ofSeconds(30))
                                .until(() -> clients.stream().allMatch(client -> client.received(last)));
                        for (RoamingClient client : clients) {
                            assertThat(client.closeCodes()).allMatch(code -> code == CloseCode.SERVICE_RESTART.code());
                            assertThat(client.recoveredEveryTime()).isTrue();
                            assertThat(client.messages()).as("messages of %s", client.userId)
                                    .containsExactlyElementsOf(expected);
                            reconnected += client.closeCodes().size();
                        }
                        assertThat(reconnected).as("clients moved").isGreaterThanOrEqualTo(85);
                        System.out.printf("rebalancing: %d connections on one gateway, a second started empty: within"
                                        + " 15%% after %d ms, then %d and %d; %d shed, %d reconnects, %d messages each,"
                                        + " none lost or repeated%n", CLIENTS, balancedAfter, onLoaded, onFresh,
                                (long) shed, reconnected, publisher.sent());
                    } finally {
                        // The gateways stop next: their clients must not look for another one.
                        stopping.set(true);
                        clients.forEach(RoamingClient::close);
                    }
                }
            }
        }
    }

    private static int connections(TestGateway gateway) throws IOException {
        return JSON.readTree(gateway.get("/health").body()).path("connections").asInt();
    }

    /** Publishes r-0, r-1, ... to the room through the publish API, one every 20 ms, until stopped. */
    private static final class Publisher implements Runnable {
        private final TestGateway gateway;
        private final AtomicInteger sent = new AtomicInteger();
        private volatile boolean running = true;

        Publisher(TestGateway gateway) {
            this.gateway = gateway;
        }

        int sent() {
            return sent.get();
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            while (running) {
                String body = "{\"type\":\"room_message\",\"payload\":{\"message\":\"r-" + sent.get() + "\"}}";
                assertThat(gateway.post("/api/rooms/" + ROOM + "/messages", body, TestGateway.API_KEY).statusCode())
                        .isEqualTo(202);
                sent.incrementAndGet();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /**
     * A member of the room that, when the server closes its connection, reconnects at once to the
     * gateway with the fewest connections and joins again with the position of the last message it got.
     */
    private static final class RoamingClient {
        private final String userId;
        private final List<TestGateway> fleet;
        private final AtomicBoolean stopping;
        private final List<String> earlier = new ArrayList<>();
        private final List<Integer> closeCodes = new ArrayList<>();
        private final AtomicBoolean recoveredEveryTime = new AtomicBoolean(true);
        private volatile TestClient current;
        private JsonNode position;

        RoamingClient(String userId, List<TestGateway> fleet, AtomicBoolean stopping) {
            this.userId = userId;
            this.fleet = fleet;
            this.stopping = stopping;
            attach(fleet.getFirst().connect(userId), null);
        }

        /** Joins on a new connection and reconnects when the server closes it. */
        private void attach(TestClient client, JsonNode since) {
            current = client;
            client.closing().thenAccept(closed -> Thread.ofVirtual().start(() -> reconnect(client, closed.code())));
            JsonNode ack;
            try {
                ack = client.join(ROOM, since);
            } catch (RuntimeException | AssertionError closedFirst) {
                // Shed (or closed) before the join was answered, as any connection may be: the close
                // handler reconnects with the same position.
                return;
            }
            if (since != null && !ack.path("payload").path("recovered").asBoolean()) {
                recoveredEveryTime.set(false);
            }
            position = ack.path("payload").path("position");
        }

        private synchronized void reconnect(TestClient closed, int code) {
            if (stopping.get()) {
                return;
            }
            closeCodes.add(code);
            List<JsonNode> got = closed.roomMessages(ROOM);
            got.forEach(frame -> earlier.add(TestClient.message(frame)));
            JsonNode since = got.isEmpty() ? position : TestClient.position(got.getLast());
            try {
                attach(leastLoaded().connect(userId), since);
            } catch (IOException | RuntimeException e) {
                if (!stopping.get()) {
                    throw new IllegalStateException("reconnect of " + userId + " failed", e);
                }
            }
        }

        private TestGateway leastLoaded() throws IOException {
            List<TestGateway> gateways;
            synchronized (fleet) {
                gateways = List.copyOf(fleet);
            }
            TestGateway best = gateways.getFirst();
            int fewest = Integer.MAX_VALUE;
            for (TestGateway gateway : gateways) {
                int count = connections(gateway);
                if (count < fewest) {
                    fewest = count;
                    best = gateway;
                }
            }
            return best;
        }

        synchronized boolean received(String message) {
            return current.roomMessages(ROOM).stream().anyMatch(frame -> TestClient.message(frame).equals(message));
        }

        synchronized List<Integer> closeCodes() {
            return List.copyOf(closeCodes);
        }

        boolean recoveredEveryTime() {
            return recoveredEveryTime.get();
        }

        synchronized List<String> messages() {
            List<String> all = new ArrayList<>(earlier);
            current.roomMessages(ROOM).forEach(frame -> all.add(TestClient.message(frame)));
            return all;
        }

        void close() {
            current.close();
        }
    }
}
