package io.wsfleet.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.wsfleet.bench.SystemKind;
import io.wsfleet.bench.proc.GcCpu;
import io.wsfleet.bench.scenario.FanOut.Capacity;
import io.wsfleet.bench.scenario.FixedLoad;
import io.wsfleet.bench.scenario.IdleMemory;
import io.wsfleet.bench.scenario.PodCapacity;
import io.wsfleet.bench.scenario.StepResult;

/**
 * The report of {@code bench/run efficiency}: every target of the data plane measured in one run, each figure
 * the median of several runs with their range, above the reports of its parts (written into sub-folders by
 * their own report classes: the everyday load, each run's capacity ladders and idle memory, the pod).
 */
public final class EfficiencyReport {

    /** One run of the capacity ladders (rooms of 100 and of 1, every system) and of idle memory. */
    public record Run(List<Capacity> capacities, List<IdleMemory.Result> idle) {
    }

    /**
     * A ratio of the gateway's figure to another system's medians over the runs; {@code format} shows each
     * system's figure (its unit's already applied), {@code atMost} says the target is a ceiling.
     */
    private record Ratio(String figure, String chartLabel, List<Double> gateway, List<Double> other, String format,
                         double target, boolean atMost) {

        double value() {
            return median(gateway) / median(other);
        }

        boolean met() {
            return atMost ? value() <= target : value() >= target;
        }

        /** Two decimals, rounded away from the target's side: 0.7995 against at least 0.8 shows 0.79, not 0.80. */
        String shown() {
            double hundredths = value() * 100;
            return String.format("%.2f", (atMost ? Math.ceil(hundredths) : Math.floor(hundredths)) / 100);
        }
    }

    private final String command;
    private final FixedLoad.Result everyday;
    private final List<Run> runs;
    private final PodCapacity.Result pod;

    public EfficiencyReport(String command, FixedLoad.Result everyday, List<Run> runs, PodCapacity.Result pod) {
        this.command = command;
        this.everyday = everyday;
        this.runs = List.copyOf(runs);
        this.pod = pod;
    }

    /** Writes {@code report.md}, its chart and the parts' reports into {@code folder}; returns the report's path. */
    public Path write(Path folder) {
        try {
            List<String> lines = ReportFile.opening(folder, "wsfleet benchmark: data-plane efficiency", command,
                    "All processes on one machine, loopback only. Every target of the data plane in one run: the "
                    + "everyday load (" + everyday.runCount() + " runs of every system, the order turning each run), "
                    + "the capacity ladders and idle memory (" + runs.size() + " runs), and one gateway in a pod's "
                    + "memory limit. Every system in its production configuration; the gateway with the image's JVM "
                    + "options.");
            lines.add("");
            List<Ratio> ratios = ratios();
            targets(lines, ratios);
            Map<String, Map<String, Double>> chart = new LinkedHashMap<>();
            for (Ratio ratio : ratios) {
                if (!ratio.gateway().isEmpty() && !ratio.other().isEmpty()) {
                    chart.computeIfAbsent("measured", key -> new LinkedHashMap<>()).put(ratio.chartLabel(), ratio.value());
                    chart.computeIfAbsent("target", key -> new LinkedHashMap<>()).put(ratio.chartLabel(), ratio.target());
                }
            }
            Charts.bars(folder.resolve("efficiency-ratios.png"), "Gateway / the other system (medians of the runs)",
                    "ratio", chart);
            lines.add("![the ratios against their targets](efficiency-ratios.png)");
            lines.add("");
            parts(lines, folder);
            return ReportFile.write(folder, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Ratio> ratios() {
        List<Ratio> ratios = new ArrayList<>();
        ratios.add(new Ratio(String.format("delivered frames per server CPU-second at everyday load (%,d connections in "
                        + "rooms of %d, %,.0f deliveries/s), gateway / Socket.IO", everyday.shape().connections(),
                everyday.shape().roomSize(), everyday.deliveriesPerSecond()), "everyday",
                everyday(SystemKind.GATEWAY), everyday(SystemKind.SOCKETIO), "%,.0f", Targets.EVERYDAY_EFFICIENCY_VS_SOCKETIO,
                false));
        ratios.add(new Ratio("the same at capacity, rooms of 100, gateway / Socket.IO", "capacity / Socket.IO",
                atCapacity(SystemKind.GATEWAY, 100, StepResult::efficiency),
                atCapacity(SystemKind.SOCKETIO, 100, StepResult::efficiency), "%,.0f", Targets.CAPACITY_EFFICIENCY_VS_SOCKETIO,
                false));
        ratios.add(new Ratio("the same, gateway / raw Redis", "capacity / Redis",
                atCapacity(SystemKind.GATEWAY, 100, StepResult::efficiency),
                atCapacity(SystemKind.REDIS, 100, StepResult::efficiency), "%,.0f", Targets.CAPACITY_EFFICIENCY_VS_REDIS, false));
        ratios.add(new Ratio("capacity (deliveries/s) with rooms of 1, gateway / raw Redis", "rooms of 1",
                atCapacity(SystemKind.GATEWAY, 1, StepResult::deliveredPerSecond),
                atCapacity(SystemKind.REDIS, 1, StepResult::deliveredPerSecond), "%,.0f", Targets.ROOMS_OF_ONE_CAPACITY_VS_REDIS,
                false));
        ratios.add(new Ratio("memory a pod must budget per idle connection, gateway / Socket.IO (gateway: heap after a "
                        + "full GC + RSS growth; Socket.IO: RSS growth after a GC)", "idle memory",
                idle(SystemKind.GATEWAY), idle(SystemKind.SOCKETIO), "%.1f KB", Targets.IDLE_BUDGET_VS_SOCKETIO, true));
        return ratios;
    }

    private void targets(List<String> lines, List<Ratio> ratios) {
        lines.add("## The targets, as measured in this run");
        lines.add("");
        lines.add("Medians over the runs, with the lowest and highest run in brackets; a ratio is the gateway's median "
                + "over the other system's, rounded away from its target (0.7995 against at least 0.8 shows 0.79).");
        lines.add("");
        lines.add("| figure | measured | target | met |");
        lines.add("|---|---|---|---|");
        for (Ratio ratio : ratios) {
            if (ratio.gateway().isEmpty() || ratio.other().isEmpty()) {
                lines.add("| " + ratio.figure() + " | not measured (no clean step or no run) | "
                        + (ratio.atMost() ? "<= " : ">= ") + ratio.target() + " | **no** |");
                continue;
            }
            lines.add(String.format("| %s | **%s**: %s / %s | %s %s | %s |", ratio.figure(), ratio.shown(),
                    Spread.of(ratio.gateway(), Double::doubleValue, ratio.format()),
                    Spread.of(ratio.other(), Double::doubleValue, ratio.format()), ratio.atMost() ? "<=" : ">=", ratio.target(),
                    yes(ratio.met())));
        }
        podRows(lines);
        List<Double> halfP99 = atHalfCapacity(StepResult::p99);
        lines.add(halfP99.isEmpty() ? "| p99 delivery latency at half capacity, gateway, rooms of 100 | not measured | <= "
                        + Targets.HALF_CAPACITY_P99_MILLIS + " ms | **no** |"
                : String.format("| p99 delivery latency at half capacity, gateway, rooms of 100 | %s ms | <= %.0f ms | %s |",
                Spread.of(halfP99, Double::doubleValue, "%.1f"), Targets.HALF_CAPACITY_P99_MILLIS, yes(median(halfP99) <= Targets.HALF_CAPACITY_P99_MILLIS)));
        lines.add("");
    }

    private void podRows(List<String> lines) {
        boolean held = pod.exit().isEmpty() && pod.connectionsHeld() == pod.settings().connections();
        lines.add(String.format("| idle connections one gateway holds in a %,d MiB pod (container limit, the image's JVM "
                        + "options), without running out of memory | %,d of %,d held, peak %,d MiB, limit hit %,d times; "
                        + "**%,.0f extrapolated** | %,d (the file limit here) and the extrapolated figure | %s |",
                pod.limitBytes() >> 20, pod.connectionsHeld(), pod.settings().connections(),
                pod.end().maxUsageBytes() >> 20, pod.end().failCount(), pod.extrapolatedConnections(),
                pod.settings().connections(), yes(held && pod.end().failCount() == 0)));
        GcCpu whole = pod.wholeRun();
        GcCpu last = pod.lastBatch();
        lines.add(String.format("| the collector's share of the gateway's CPU in that pod: whole run (start and ramp "
                        + "included) / last batch | %.1f %% / %.1f %% | <= %.0f %% | %s / %s |", whole.share() * 100,
                last.share() * 100, Targets.GC_SHARE * 100, yes(whole.share() <= Targets.GC_SHARE),
                yes(last.share() <= Targets.GC_SHARE)));
    }

    private void parts(List<String> lines, Path folder) {
        lines.add("## The parts");
        lines.add("");
        new EverydayReport(command, everyday).write(folder.resolve("everyday"));
        lines.add("- [Everyday load](everyday/report.md): every system at the same fixed load, CPU per frame.");
        lines.add("");
        lines.add("  ![server CPU per delivered frame](everyday/everyday-cpu-per-frame.png)");
        lines.add("");
        for (int run = 1; run <= runs.size(); run++) {
            Run part = runs.get(run - 1);
            String name = "run-" + run;
            new Report("capacity and idle memory, run " + run + " of " + runs.size(), command, part.capacities(),
                    part.idle()).write(folder.resolve(name));
            lines.add("- [Capacity and idle memory, run " + run + "](" + name + "/report.md): the capacity ladders, "
                    + "latency at half capacity, idle connections.");
        }
        lines.add("");
        lines.add("  ![capacity, run 1](run-1/capacity.png)");
        lines.add("");
        new PodReport(command, pod).write(folder.resolve("pod"));
        lines.add("- [The pod](pod/report.md): one gateway as the image runs it, filled with idle connections.");
        lines.add("");
        lines.add("  ![memory against connections](pod/pod-memory.png)");
        lines.add("");
    }

    private List<Double> everyday(SystemKind system) {
        List<StepResult> steps = everyday.of(system.label());
        return steps == null ? List.of() : steps.stream().map(StepResult::efficiency).toList();
    }

    private List<Double> atCapacity(SystemKind system, int roomSize, ToDoubleFunction<StepResult> figure) {
        return fromRuns(run -> Capacity.ofOneNode(run.capacities(), system, roomSize).flatMap(Capacity::best), figure);
    }

    private List<Double> atHalfCapacity(ToDoubleFunction<StepResult> figure) {
        return fromRuns(run -> Capacity.ofOneNode(run.capacities(), SystemKind.GATEWAY, 100).flatMap(Capacity::atHalf),
                figure);
    }

    private List<Double> fromRuns(Function<Run, Optional<StepResult>> step, ToDoubleFunction<StepResult> figure) {
        return runs.stream().map(step).flatMap(Optional::stream).map(figure::applyAsDouble).toList();
    }

    private List<Double> idle(SystemKind system) {
        return runs.stream().flatMap(run -> run.idle().stream()).filter(result -> result.system() == system)
                .map(result -> result.budgetPerConnection() / 1024).toList();
    }

    private static double median(List<Double> values) {
        return Spread.median(values, Double::doubleValue);
    }

    private static String yes(boolean met) {
        return met ? "yes" : "**no**";
    }
}
