package io.wsfleet.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.wsfleet.bench.scenario.HistoryCost;
import io.wsfleet.bench.scenario.StepResult;

/**
 * The report of {@code bench/run history}: per load shape, every run with history kept and without, the
 * medians with their spread (lowest to highest run), the cost as the ratio of medians against the 15 %
 * budget, and two charts.
 */
public final class HistoryCostReport {
    /** The most keeping history may cost of either figure. */
    static final double BUDGET = 0.15;

    private final String command;
    private final List<HistoryCost.Result> results;

    public HistoryCostReport(String command, List<HistoryCost.Result> results) {
        this.command = command;
        this.results = List.copyOf(results);
    }

    public Path write(Path folder) {
        try {
            Files.createDirectories(folder);
            List<String> lines = new ArrayList<>();
            lines.add("# wsfleet benchmark: history");
            lines.add("");
            lines.add("Run " + Instant.now() + " with `" + command + "`. All processes on one machine, loopback only."
                    + " One gateway on one Redis, the same fixed offered load with every room's messages kept"
                    + " (`HISTORY_SIZE=1000`, the default) and with none kept (`HISTORY_SIZE=0`), runs alternating.");
            lines.add("");
            Machine.describe().forEach(line -> lines.add("- " + line));
            lines.add("");
            lines.add("## Cost of keeping history (ratio of medians, kept / not kept)");
            lines.add("");
            lines.add("| load | frames per server CPU-second | p99 latency | within 15 % |");
            lines.add("|---|---|---|---|");
            Map<String, Map<String, Double>> efficiency = new LinkedHashMap<>();
            Map<String, Map<String, Double>> p99 = new LinkedHashMap<>();
            for (HistoryCost.Result result : results) {
                double efficiencyRatio = median(result.kept(), StepResult::efficiency)
                        / median(result.notKept(), StepResult::efficiency);
                double p99Ratio = median(result.kept(), StepResult::p99) / median(result.notKept(), StepResult::p99);
                boolean within = efficiencyRatio >= 1 - BUDGET && p99Ratio <= 1 + BUDGET;
                lines.add("| " + load(result) + " | " + String.format("%.2f", efficiencyRatio) + " | "
                        + String.format("%.2f", p99Ratio) + " | " + (within ? "yes" : "**no**") + " |");
                String category = "rooms of " + result.shape().roomSize();
                efficiency.computeIfAbsent("kept", key -> new LinkedHashMap<>())
                        .put(category, median(result.kept(), StepResult::efficiency));
                efficiency.computeIfAbsent("not kept", key -> new LinkedHashMap<>())
                        .put(category, median(result.notKept(), StepResult::efficiency));
                p99.computeIfAbsent("kept", key -> new LinkedHashMap<>()).put(category, median(result.kept(), StepResult::p99));
                p99.computeIfAbsent("not kept", key -> new LinkedHashMap<>())
                        .put(category, median(result.notKept(), StepResult::p99));
            }
            lines.add("");
            lines.add("![frames per CPU-second](history-efficiency.png) ![p99](history-p99.png)");
            lines.add("");
            for (HistoryCost.Result result : results) {
                runs(lines, result);
            }
            Charts.bars(folder.resolve("history-efficiency.png"), "Delivered frames per server CPU-second (median)",
                    "frames / CPU-s", efficiency);
            Charts.bars(folder.resolve("history-p99.png"), "p99 delivery latency (median)", "ms", p99);
            return ReportFile.write(folder, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void runs(List<String> lines, HistoryCost.Result result) {
        lines.add("## " + load(result));
        lines.add("");
        lines.add("| history | frames per CPU-second: median (lowest - highest) | p99 ms: median (lowest - highest)"
                + " | user + system us per frame (median) | gateway GC pauses per run: median (lowest - highest)"
                + " | their time ms: median (lowest - highest) | lost | duplicates |");
        lines.add("|---|---|---|---|---|---|---|---|");
        row(lines, "kept", result.kept());
        row(lines, "not kept", result.notKept());
        lines.add("");
    }

    private static void row(List<String> lines, String label, List<StepResult> steps) {
        lines.add("| " + label + " | " + spread(steps, StepResult::efficiency, "%,.0f") + " | "
                + spread(steps, StepResult::p99, "%.1f") + " | "
                + String.format("%.1f + %.1f", median(steps, StepResult::userMicrosPerFrame),
                median(steps, StepResult::systemMicrosPerFrame)) + " | "
                + spread(steps, step -> step.gatewayPauses().count(), "%.0f") + " | "
                + spread(steps, step -> step.gatewayPauses().seconds() * 1000, "%.0f") + " | "
                + steps.stream().mapToLong(StepResult::lost).sum() + " | "
                + steps.stream().mapToLong(StepResult::duplicates).sum() + " |");
    }

    private static String load(HistoryCost.Result result) {
        return String.format("%,d connections in rooms of %d, %,.0f deliveries/s, %d runs each",
                result.shape().connections(), result.shape().roomSize(), result.deliveriesPerSecond(),
                result.kept().size());
    }

    private static String spread(List<StepResult> steps, ToDoubleFunction<StepResult> figure, String format) {
        double[] values = steps.stream().mapToDouble(figure).sorted().toArray();
        return String.format(format, median(steps, figure)) + " (" + String.format(format, values[0]) + " - "
                + String.format(format, values[values.length - 1]) + ")";
    }

    static double median(List<StepResult> steps, ToDoubleFunction<StepResult> figure) {
        double[] values = steps.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
