package io.wsfleet.bench.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import io.wsfleet.bench.Pause;
import io.wsfleet.bench.proc.LoadAverage;
import org.HdrHistogram.Histogram;

/**
 * Reads the fleet once a second into a {@link FleetSample}: every running gateway's meters on its admin
 * port (a gateway that does not answer within {@link AdminPort}'s timeout is left out of that second),
 * and what the clients counted. Keeps each phase's delivery latencies (by the second they arrived
 * in) for its percentiles.
 */
final class Timeline implements AutoCloseable {
    private static final Duration PERIOD = Duration.ofSeconds(1);

    private final Fleet fleet;
    private final ClientCounts counts;
    private final Supplier<Phase> phase;
    private final List<FleetSample> samples = new ArrayList<>();
    private final Map<Phase, Histogram> latency = new EnumMap<>(Phase.class);
    private final Map<Phase, Histogram> liveLatency = new EnumMap<>(Phase.class);
    private final Map<String, Reading> lastReading = new HashMap<>();
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
    private final long start = System.nanoTime();
    private volatile boolean running = true;
    private final Thread loop;
    private long lastNanos = start;
    private long lastDelivered;
    private long lastReconnects;

    Timeline(Fleet fleet, ClientCounts counts, Supplier<Phase> phase) {
        this.fleet = fleet;
        this.counts = counts;
        this.phase = phase;
        counts.latenciesSinceLastCall();
        this.loop = Thread.ofPlatform().name("fleet-timeline").start(this::run);
    }

    private void run() {
        long next = start;
        while (running) {
            // After a slow second the next one starts a period later, not at once: no bursts of short samples.
            next = Math.max(next + PERIOD.toNanos(), System.nanoTime());
            Pause.of(Duration.ofNanos(Math.max(0, next - System.nanoTime())));
            sample();
        }
    }

    /** A gateway's meters, or none, and when they were read. */
    private record Reading(Optional<AdminPort.Meters> meters, long atNanos) {
    }

    private void sample() {
        List<FleetGateway> gateways = fleet.running();
        // Read together: a gateway slow to answer (busy with reconnects) delays the sample by its timeout, not more.
        List<CompletableFuture<Reading>> readings = gateways.stream()
                .map(gateway -> CompletableFuture.supplyAsync(
                        () -> new Reading(gateway.admin().meters(), System.nanoTime()), readers)).toList();
        Map<String, Integer> connections = new LinkedHashMap<>();
        Map<String, Double> accepted = new LinkedHashMap<>();
        for (int i = 0; i < gateways.size(); i++) {
            String name = gateways.get(i).name();
            Reading reading = readings.get(i).join();
            reading.meters().ifPresent(meters -> {
                connections.put(name, meters.connections());
                Reading before = lastReading.put(name, reading);
                // Over the time since this gateway's previous reading (it may have missed seconds); its first
                // reading is its baseline: it was registered less than a second ago.
                accepted.put(name, before == null ? 0 : (meters.opened() - before.meters().orElseThrow().opened())
                        / ((reading.atNanos() - before.atNanos()) / 1e9));
            });
        }
        long now = System.nanoTime();
        double elapsed = (now - lastNanos) / 1e9;
        long delivered = counts.delivered();
        long reconnects = counts.reconnects();
        ClientCounts.Latencies second = counts.latenciesSinceLastCall();
        Phase current = phase.get();
        FleetSample sample = new FleetSample((now - start) / 1e9, current,
                gateways.stream().map(FleetGateway::name).toList(), connections, accepted, counts.inRoom(),
                (reconnects - lastReconnects) / elapsed, (delivered - lastDelivered) / elapsed,
                p99Millis(second.all()), p99Millis(second.live()),
                LoadAverage.now().map(LoadAverage::oneMinute).orElse(0.0));
        synchronized (this) {
            samples.add(sample);
            latency.computeIfAbsent(current, any -> new Histogram(3)).add(second.all());
            liveLatency.computeIfAbsent(current, any -> new Histogram(3)).add(second.live());
        }
        lastNanos = now;
        lastDelivered = delivered;
        lastReconnects = reconnects;
    }

    synchronized List<FleetSample> samples() {
        return List.copyOf(samples);
    }

    synchronized Optional<FleetSample> latest() {
        return samples.isEmpty() ? Optional.empty() : Optional.of(samples.getLast());
    }

    /** The latencies of the deliveries that arrived during {@code of}, in microseconds (empty when none did). */
    synchronized Histogram latency(Phase of) {
        return latency.getOrDefault(of, new Histogram(3)).copy();
    }

    /** The same for the live deliveries alone: the replays after reconnects left out. */
    synchronized Histogram liveLatency(Phase of) {
        return liveLatency.getOrDefault(of, new Histogram(3)).copy();
    }

    private static double p99Millis(Histogram micros) {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(99) / 1000.0;
    }

    /** Seconds since the timeline started. */
    double now() {
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
        running = false;
        try {
            loop.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        readers.close();
    }
}
