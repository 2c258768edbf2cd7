package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.wsfleet.gateway.protocol.CloseCode;
import io.wsfleet.gateway.support.GatewayProcess;
import io.wsfleet.gateway.support.RawUpgrade;
import io.wsfleet.gateway.support.Scrape;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import io.wsfleet.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * A drained gateway turns readiness down, waits the deregistration delay, then closes its connections
 * with 1012 spread over the drain window: the rest of the fleet gets a bounded reconnect rate.
 */
class PacedDrainIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** When each client saw its close, and with which code. */
    private record Close(long atNanos, int code) {
    }

    @Test
    void sigtermClosesConnectionsInSlicesOverTheWindowAfterReadinessWentDown() throws Exception {
        int clients = 100;
        int windowSeconds = 4;
        Duration delay = Duration.ofSeconds(1);
        try (GatewayProcess gateway = GatewayProcess.start(Map.of(
                "DRAIN_DEREGISTRATION_DELAY_SECONDS", String.valueOf(delay.toSeconds()),
                "DRAIN_WINDOW_SECONDS", String.valueOf(windowSeconds)))) {
            List<CompletableFuture<Close>> closes = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                closes.add(closeOf(gateway.connect("drain-" + i)));
            }
            AtomicLong readinessDownAt = watchReadiness(gateway.adminUri("/health/ready"));

            long signalledAt = System.nanoTime();
            CompletableFuture<Void> terminated = CompletableFuture.runAsync(() -> {
                try {
                    gateway.terminate();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            List<Close> seen = closes.stream().map(CompletableFuture::join).toList();
            terminated.join();

            assertThat(seen).extracting(Close::code).containsOnly(CloseCode.SERVICE_RESTART.code());
            long first = seen.stream().mapToLong(Close::atNanos).min().orElseThrow();
            long last = seen.stream().mapToLong(Close::atNanos).max().orElseThrow();
            assertThat(readinessDownAt.get()).as("readiness seen down before the first close")
                    .isPositive().isLessThan(first);
            assertThat(Duration.ofNanos(first - signalledAt)).as("first close after SIGTERM and the deregistration delay")
                    .isGreaterThan(delay);
            Duration spread = Duration.ofNanos(last - first);
            assertThat(spread).as("closes spread over the window")
                    .isGreaterThan(Duration.ofSeconds(windowSeconds - 1))
                    .isLessThan(Duration.ofSeconds(windowSeconds).plusMillis(1500));
            // Per second of the window, counted from the first close: an equal share (25), with room for
            // the delivery of a close frame to slip into the next second on a busy machine.
            Map<Long, Integer> perSecond = new TreeMap<>();
            for (Close close : seen) {
                perSecond.merge((close.atNanos() - first) / 1_000_000_000L, 1, Integer::sum);
            }
            System.out.printf("paced drain: %d clients, window %d s: spread %d ms, readiness seen down %d ms and"
                            + " first close %d ms after SIGTERM, closes per second %s%n", clients, windowSeconds,
                    spread.toMillis(), (readinessDownAt.get() - signalledAt) / 1_000_000,
                    (first - signalledAt) / 1_000_000, perSecond);
            assertThat(perSecond.values()).allMatch(count -> count <= clients / windowSeconds + 10);
        }
    }

    @Test
    void anOperatorDrainsThroughTheAdminPortWithTheApiKey() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of(
                "DRAIN_DEREGISTRATION_DELAY_SECONDS", "0", "DRAIN_WINDOW_SECONDS", "2"))) {
            List<CompletableFuture<Close>> closes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                closes.add(closeOf(gateway.connect("admin-drain-" + i)));
            }
            assertThat(gateway.post("/admin/drain", "", null).statusCode()).isEqualTo(401);
            assertThat(gateway.post("/admin/drain", "", "wrong-key").statusCode()).isEqualTo(401);
            assertThat(gateway.get("/health/ready").statusCode()).isEqualTo(200);

            HttpResponse<String> accepted = gateway.post("/admin/drain", "", TestGateway.API_KEY);

            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(accepted.body()).contains("\"status\":\"draining\"", "\"connections\":20", "\"drain_seconds\":2");
            assertThat(gateway.get("/health/ready").body()).contains("draining");
            assertThat(RawUpgrade.send(gateway.gateway().port(), "/ws",
                    "Authorization: Bearer " + Tokens.forUser("latecomer"))).startsWith("HTTP/1.1 503");
            assertThat(gateway.post("/admin/drain", "", TestGateway.API_KEY).statusCode()).isEqualTo(202);
            List<Close> seen = closes.stream().map(CompletableFuture::join).toList();
            assertThat(seen).extracting(Close::code).containsOnly(CloseCode.SERVICE_RESTART.code());
            long first = seen.stream().mapToLong(Close::atNanos).min().orElseThrow();
            long last = seen.stream().mapToLong(Close::atNanos).max().orElseThrow();
            assertThat(Duration.ofNanos(last - first)).isGreaterThan(Duration.ofSeconds(1));
            await().untilAsserted(() -> assertThat(Scrape.of(gateway).value("wsfleet_drain_closed_total")).isEqualTo(20));
            // Still serving its admin port, not ready, until it is stopped.
            assertThat(gateway.get("/health/live").statusCode()).isEqualTo(200);
            assertThat(gateway.get("/health/ready").statusCode()).isEqualTo(503);
        }
    }

    private static CompletableFuture<Close> closeOf(TestClient client) {
        return client.closing().thenApply(closed -> new Close(System.nanoTime(), closed.code()));
    }

    /** Polls readiness every 20 ms on a virtual thread; the moment it first answered 503. */
    private static AtomicLong watchReadiness(URI ready) {
        AtomicLong downAt = new AtomicLong();
        Thread.ofVirtual().start(() -> {
            HttpRequest request = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build();
            while (downAt.get() == 0) {
                try {
                    if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 503) {
                        downAt.set(System.nanoTime());
                    }
                    Thread.sleep(20);
                } catch (java.io.IOException | InterruptedException stopped) {
                    return;
                }
            }
        });
        return downAt;
    }
}
