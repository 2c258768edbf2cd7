package io.wsfleet.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import io.wsfleet.bench.SystemKind;
import io.wsfleet.bench.scenario.FanOut.Capacity;
import io.wsfleet.bench.scenario.IdleMemory;
import io.wsfleet.bench.scenario.StepResult;

/**
 * The Markdown report of one run, with its charts beside it: the goals as ratios measured in this run,
 * then every table the ratios come from.
 */
public final class Report {
    private final String scenario;
    private final String command;
    private final List<Capacity> capacities;
    private final List<IdleMemory.Result> idle;

    public Report(String scenario, String command, List<Capacity> capacities, List<IdleMemory.Result> idle) {
        this.scenario = scenario;
        this.command = command;
        this.capacities = capacities;
        this.idle = idle;
    }

    /** Writes {@code report.md} and its charts into {@code folder}; returns the report's path. */
    public Path write(Path folder) {
        try {
            List<String> lines = ReportFile.opening(folder, "wsfleet benchmark: " + scenario, command,
                    "All processes on one machine, loopback only.");
            lines.add("");
            goals(lines);
            fanOut(lines, folder);
            halfCapacity(lines, folder);
            idleMemory(lines);
            steps(lines);
            return ReportFile.write(folder, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void goals(List<String> lines) {
        List<String> rows = new ArrayList<>();
        ratio(rows, "fan-out efficiency (frames per server CPU-second), gateway / Socket.IO, rooms of 100", 100,
                SystemKind.SOCKETIO, StepResult::efficiency, Targets.CAPACITY_EFFICIENCY_VS_SOCKETIO);
        ratio(rows, "fan-out efficiency, gateway / raw Redis, rooms of 100", 100, SystemKind.REDIS,
                StepResult::efficiency, Targets.CAPACITY_EFFICIENCY_VS_REDIS);
        ratio(rows, "capacity, gateway / raw Redis, rooms of 1", 1, SystemKind.REDIS, StepResult::deliveredPerSecond,
                Targets.ROOMS_OF_ONE_CAPACITY_VS_REDIS);
        ratio(rows, "capacity, gateway / raw Redis, rooms of 100", 100, SystemKind.REDIS,
                StepResult::deliveredPerSecond, Targets.CAPACITY_VS_REDIS);
        idleGoals(rows);
        single(100, SystemKind.GATEWAY).flatMap(Capacity::atHalf).ifPresent(half -> rows.add(row(
                "p99 delivery latency at half capacity (ms), gateway, rooms of 100", half.p99(),
                "<= " + Targets.HALF_CAPACITY_P99_MILLIS, half.p99() <= Targets.HALF_CAPACITY_P99_MILLIS)));
        if (rows.isEmpty()) {
            return;
        }
        lines.add("## Goals, as measured in this run");
        lines.add("");
        lines.add("| goal | measured | target | met |");
        lines.add("|---|---|---|---|");
        lines.addAll(rows);
        lines.add("");
    }

    private void ratio(List<String> rows, String goal, int roomSize, SystemKind other,
                       ToDoubleFunction<StepResult> measure, double target) {
        Optional<StepResult> gateway = single(roomSize, SystemKind.GATEWAY).flatMap(Capacity::best);
        Optional<StepResult> peer = single(roomSize, other).flatMap(Capacity::best);
        if (gateway.isPresent() && peer.isPresent()) {
            double value = measure.applyAsDouble(gateway.get()) / measure.applyAsDouble(peer.get());
            rows.add(row(goal, value, ">= " + target, value >= target));
        }
    }

    private void idleGoals(List<String> rows) {
        Optional<IdleMemory.Result> gateway = idle(SystemKind.GATEWAY);
        Optional<IdleMemory.Result> socketIo = idle(SystemKind.SOCKETIO);
        if (gateway.isPresent() && socketIo.isPresent()) {
            double ratio = gateway.get().budgetPerConnection() / socketIo.get().budgetPerConnection();
            rows.add(row("idle memory a pod must budget per connection, gateway / Socket.IO", ratio,
                    "<= " + Targets.IDLE_BUDGET_VS_SOCKETIO, ratio <= Targets.IDLE_BUDGET_VS_SOCKETIO));
        }
        gateway.ifPresent(g -> {
            double kernel = g.slabPerConnection() / 2;
            double ratio = g.allInPerConnection() / kernel;
            rows.add(row("idle all-in memory per connection / kernel's socket memory, gateway", ratio,
                    "<= " + Targets.IDLE_ALL_IN_VS_KERNEL, ratio <= Targets.IDLE_ALL_IN_VS_KERNEL));
        });
    }

    private static String row(String goal, double value, String target, boolean met) {
        return "| " + goal + " | " + String.format("%.2f", value) + " | " + target + " | " + (met ? "yes" : "**no**") + " |";
    }

    private void fanOut(List<String> lines, Path folder) throws IOException {
        if (capacities.isEmpty()) {
            return;
        }
        lines.add("## Fan-out capacity");
        lines.add("");
        lines.add("Capacity is the highest clean step (no loss, no duplicate, p99 <= 50 ms) of an offered rate "
                + "stepped up by a constant factor; CPU is that of every server process (nodes and their Redis) "
                + "during the step and its drain.");
        lines.add("");
        lines.add("| system | nodes | connections | room size | capacity (deliveries/s) | messages/s | frames per server CPU-s "
                + "| user µs/frame | system µs/frame | p50 / p99 / p99.9 ms at capacity |");
        lines.add("|---|---|---|---|---|---|---|---|---|---|");
        Map<String, Map<String, Double>> chart = new LinkedHashMap<>();
        for (Capacity capacity : capacities) {
            String label = capacity.system().label() + (capacity.nodes() > 1 ? ", " + capacity.nodes() + " nodes" : "");
            capacity.best().ifPresentOrElse(best -> {
                lines.add(String.format("| %s | %d | %,d | %d | %,.0f | %,.0f | %,.0f | %.2f | %.2f | %.1f / %.1f / %.1f |",
                        capacity.system().label(), capacity.nodes(), best.connections(), best.roomSize(),
                        best.deliveredPerSecond(), best.offeredMessagesPerSecond(), best.efficiency(),
                        best.userMicrosPerFrame(), best.systemMicrosPerFrame(), best.p50(), best.p99(), best.p999()));
                chart.computeIfAbsent(label, k -> new LinkedHashMap<>())
                        .put("rooms of " + best.roomSize(), best.deliveredPerSecond());
            }, () -> lines.add("| " + capacity.system().label() + " | " + capacity.nodes() + " | "
                    + capacity.shape().connections() + " | " + capacity.shape().roomSize()
                    + " | no clean step | | | | | |"));
        }
        lines.add("");
        Charts.bars(folder.resolve("capacity.png"), "Fan-out capacity (highest clean step)", "deliveries per second", chart);
        lines.add("![capacity](capacity.png)");
        lines.add("");
    }

    private void halfCapacity(List<String> lines, Path folder) {
        List<Capacity> withHalf = capacities.stream().filter(c -> c.atHalf().isPresent()).toList();
        if (withHalf.isEmpty()) {
            return;
        }
        lines.add("## Latency at half capacity");
        lines.add("");
        lines.add("| system | nodes | room size | offered (deliveries/s) | p50 ms | p99 ms | p99.9 ms | max ms | lost |");
        lines.add("|---|---|---|---|---|---|---|---|---|");
        Map<String, Map<String, Double>> chart = new LinkedHashMap<>();
        for (Capacity capacity : withHalf) {
            StepResult half = capacity.atHalf().orElseThrow();
            lines.add(String.format("| %s | %d | %d | %,.0f | %.1f | %.1f | %.1f | %.1f | %d |", capacity.system().label(),
                    capacity.nodes(), half.roomSize(), half.offeredMessagesPerSecond() * half.roomSize(), half.p50(),
                    half.p99(), half.p999(), half.max(), half.lost()));
            Map<String, Double> percentiles = new LinkedHashMap<>();
            percentiles.put("p50", half.p50());
            percentiles.put("p99", half.p99());
            percentiles.put("p99.9", half.p999());
            chart.put(capacity.system().label() + (capacity.nodes() > 1 ? ", " + capacity.nodes() + " nodes" : ""),
                    percentiles);
        }
        lines.add("");
        Charts.bars(folder.resolve("latency.png"), "Delivery latency at half capacity", "milliseconds", chart);
        lines.add("![latency](latency.png)");
        lines.add("");
    }

    private void idleMemory(List<String> lines) {
        if (idle.isEmpty()) {
            return;
        }
        lines.add("## Idle connections");
        lines.add("");
        lines.add("Authenticated connections that send nothing, added in batches; before each reading a full GC runs "
                + "on the node (the gateway: `jcmd GC.run`; Socket.IO: `global.gc()` twice, through the peer's "
                + "`GET /bench/gc`), and slopes are least squares over the batches. Live after GC: what the program "
                + "still holds (the gateway's heap used; Socket.IO's `heapUsed` + `external`, its V8 heap and the "
                + "memory of its Buffers outside it). Budget, what a pod must set aside per idle connection: the "
                + "gateway runs with a fixed, pre-touched heap, so its RSS grows by native memory only, and its "
                + "budget is heap after GC + RSS growth; Socket.IO's is its RSS growth after a GC, which includes "
                + "its heap. On loopback both ends of every socket are in the kernel's slab; a node's share is half. "
                + "All-in = budget + the node's share of slab.");
        lines.add("");
        lines.add("| system | connections | budget per connection | live after GC per connection | RSS per connection "
                + "| slab per connection (both ends) | all-in per connection "
                + "| process memory at 100,000 connections (extrapolated) |");
        lines.add("|---|---|---|---|---|---|---|---|");
        for (IdleMemory.Result result : idle) {
            lines.add(String.format("| %s | %,d | %.1f KB | %.1f KB | %.1f KB | %.1f KB | %.1f KB | %,.0f MB |",
                    result.system().label(), result.points().getLast().connections(),
                    result.budgetPerConnection() / 1024, result.livePerConnection() / 1024,
                    result.rssPerConnection() / 1024, result.slabPerConnection() / 1024,
                    result.allInPerConnection() / 1024, result.memoryAt(100_000) / (1 << 20)));
        }
        lines.add("");
        lines.add("| system | connections | RSS | live after GC | slab |");
        lines.add("|---|---|---|---|---|");
        for (IdleMemory.Result result : idle) {
            for (IdleMemory.Point point : result.points()) {
                lines.add(String.format("| %s | %,d | %,d MB | %,d MB | %,d MB |", result.system().label(),
                        point.connections(), point.rssBytes() >> 20, point.liveBytes() >> 20, point.slabBytes() >> 20));
            }
        }
        lines.add("");
    }

    private void steps(List<String> lines) {
        if (capacities.isEmpty()) {
            return;
        }
        lines.add("## Every step");
        lines.add("");
        lines.add("| system | nodes | room size | offered (deliveries/s) | delivered | lost | duplicates | late "
                + "| p50 / p99 / p99.9 / max ms | server CPU user / system s | client CPU s | clean |");
        lines.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Capacity capacity : capacities) {
            for (StepResult step : capacity.steps()) {
                lines.add(String.format("| %s | %d | %d | %,.0f | %,d | %,d | %,d | %,d | %.1f / %.1f / %.1f / %.1f | %.1f / %.1f | %.1f | %s |",
                        capacity.system().label(), capacity.nodes(), step.roomSize(),
                        step.offeredMessagesPerSecond() * step.roomSize(), step.delivered(), step.lost(),
                        step.duplicates(), step.late(), step.p50(), step.p99(), step.p999(), step.max(),
                        step.serverCpu().userSeconds(), step.serverCpu().systemSeconds(),
                        step.clientCpu().totalSeconds(), step.clean() ? "yes" : "no"));
            }
        }
        lines.add("");
    }

    private Optional<Capacity> single(int roomSize, SystemKind system) {
        return Capacity.ofOneNode(capacities, system, roomSize);
    }

    private Optional<IdleMemory.Result> idle(SystemKind system) {
        return idle.stream().filter(r -> r.system() == system).findFirst();
    }
}
