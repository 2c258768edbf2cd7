package io.wsfleet.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.wsfleet.bench.SystemKind;
import io.wsfleet.bench.scenario.FixedLoad;
import io.wsfleet.bench.scenario.StepResult;

/**
 * The report of {@code bench/run everyday}: what a delivered frame costs each system's servers at the same
 * fixed load, every run with its spread, the gateway's efficiency against the others' as a ratio of
 * medians, and a chart of user and system CPU per frame.
 */
public final class EverydayReport {
    private final String command;
    private final FixedLoad.Result result;

    public EverydayReport(String command, FixedLoad.Result result) {
        this.command = command;
        this.result = result;
    }

    public Path write(Path folder) {
        try {
            List<String> lines = ReportFile.opening(folder, "wsfleet benchmark: everyday load", command,
                    "All processes on one machine, loopback only."
                    + " Every system in its production configuration on its own Redis, the same fixed offered load, "
                    + result.runCount() + " runs each, the order turning each run.");
            lines.add("");
            goals(lines);
            lines.add("## " + String.format("%,d connections in rooms of %d, %,.0f deliveries/s (%,.0f messages/s of %d bytes),"
                            + " %d s steps", result.shape().connections(), result.shape().roomSize(),
                    result.deliveriesPerSecond(), result.deliveriesPerSecond() / result.shape().roomSize(),
                    result.shape().messageBytes(), result.shape().step().toSeconds()));
            lines.add("");
            lines.add("Medians, with the lowest and highest run in brackets. CPU is every server process's (nodes and"
                    + " their Redis), user and system, over the step and its drain.");
            lines.add("");
            lines.add("| system | frames per server CPU-second | user us per frame | system us per frame | p99 ms"
                    + " | client CPU-s | lost | duplicates |");
            lines.add("|---|---|---|---|---|---|---|---|");
            Map<String, Map<String, Double>> perFrame = new LinkedHashMap<>();
            result.runs().forEach((label, steps) -> {
                lines.add("| " + label + " | " + Spread.of(steps, StepResult::efficiency, "%,.0f") + " | "
                        + Spread.of(steps, StepResult::userMicrosPerFrame, "%.1f") + " | "
                        + Spread.of(steps, StepResult::systemMicrosPerFrame, "%.1f") + " | "
                        + Spread.of(steps, StepResult::p99, "%.1f") + " | "
                        + Spread.of(steps, step -> step.clientCpu().totalSeconds(), "%.1f") + " | "
                        + steps.stream().mapToLong(StepResult::lost).sum() + " | "
                        + steps.stream().mapToLong(StepResult::duplicates).sum() + " |");
                perFrame.computeIfAbsent("user", key -> new LinkedHashMap<>())
                        .put(label, Spread.median(steps, StepResult::userMicrosPerFrame));
                perFrame.computeIfAbsent("system", key -> new LinkedHashMap<>())
                        .put(label, Spread.median(steps, StepResult::systemMicrosPerFrame));
            });
            lines.add("");
            lines.add("![server CPU per delivered frame](everyday-cpu-per-frame.png)");
            Charts.bars(folder.resolve("everyday-cpu-per-frame.png"), "Server CPU per delivered frame (median)",
                    "microseconds", perFrame);
            return ReportFile.write(folder, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void goals(List<String> lines) {
        List<StepResult> gateway = result.of(SystemKind.GATEWAY.label());
        if (gateway == null) {
            return;
        }
        lines.add("## The gateway against the others (ratio of medians of frames per server CPU-second)");
        lines.add("");
        lines.add("| against | gateway / it | target | met |");
        lines.add("|---|---|---|---|");
        for (SystemKind other : List.of(SystemKind.SOCKETIO, SystemKind.REDIS)) {
            List<StepResult> steps = result.of(other.label());
            if (steps != null) {
                double ratio = Spread.median(gateway, StepResult::efficiency) / Spread.median(steps, StepResult::efficiency);
                boolean targeted = other == SystemKind.SOCKETIO;
                lines.add("| " + other.label() + " | " + String.format("%.2f", ratio) + " | "
                        + (targeted ? ">= " + Targets.EVERYDAY_EFFICIENCY_VS_SOCKETIO : "none") + " | "
                        + (targeted ? ratio >= Targets.EVERYDAY_EFFICIENCY_VS_SOCKETIO ? "yes" : "**no**" : "-") + " |");
            }
        }
        lines.add("");
    }
}
