package io.wsfleet.bench.fleet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.wsfleet.bench.Pause;
import io.wsfleet.bench.measure.Marker;
import io.wsfleet.bench.scenario.RoomLoad;

/**
 * The application's backend: publishes a steady stream into the rooms through the publish API behind the
 * load balancer, open loop (message {@code k} is due at {@code start + k / rate} and goes to room
 * {@code k mod rooms}), each carrying its room's sequence, its phase and its due time in a {@link Marker}.
 */
final class Publisher implements AutoCloseable {
    private static final Duration ANSWERS_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;
    private final String apiKey;
    private final FleetSettings settings;
    private final PublishLog log;
    private final Supplier<Phase> phase;
    private final AtomicInteger awaiting = new AtomicInteger();
    private volatile boolean running = true;
    private Thread loop;

    Publisher(int port, String apiKey, FleetSettings settings, PublishLog log, Supplier<Phase> phase) {
        this.base = URI.create("http://127.0.0.1:" + port + "/api/rooms/");
        this.apiKey = apiKey;
        this.settings = settings;
        this.log = log;
        this.phase = phase;
    }

    void start() {
        loop = Thread.ofPlatform().name("fleet-publisher").start(this::publish);
    }

    private void publish() {
        double intervalNanos = 1e9 / settings.messagesPerSecond();
        long start = System.nanoTime();
        for (long k = 0; running; k++) {
            long due = start + (long) (k * intervalNanos);
            long wait = due - System.nanoTime();
            if (wait > 50_000) {
                LockSupport.parkNanos(wait);
            }
            int room = (int) (k % settings.rooms());
            Phase now = phase.get();
            long sequence = log.sent(room, now);
            String message = new Marker(now.ordinal(), due, room, sequence).encode(settings.messageBytes());
            HttpRequest request = HttpRequest.newBuilder(base.resolve(RoomLoad.room(room) + "/messages"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + apiKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"type\":\"room_message\",\"payload\":{\"message\":\"" + message + "\"}}"))
                    .build();
            awaiting.incrementAndGet();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                log.answered(room, sequence, failure == null && response.statusCode() == 202);
                awaiting.decrementAndGet();
            });
        }
    }

    /** Stops publishing and waits for the answers still due. */
    @Override
    public void close() {
        running = false;
        if (loop != null) {
            try {
                loop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long deadline = System.nanoTime() + ANSWERS_TIMEOUT.toNanos();
        while (awaiting.get() > 0 && System.nanoTime() < deadline) {
            Pause.of(Duration.ofMillis(50));
        }
        http.close();
    }
}
