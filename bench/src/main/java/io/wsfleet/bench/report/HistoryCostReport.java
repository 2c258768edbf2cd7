package io.wsfleet.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.wsfleet.bench.scenario.FixedLoad;
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
    private final List<FixedLoad.Result> results;

    public HistoryCostReport(String command, List<FixedLoad.Result> results) {
        this.command = command;
        this.results = List.copyOf(results);
    }

    public Path write(Path folder) {
        try {
            List<String> lines = ReportFile.opening(folder, "wsfleet benchmark: history", command,
                    "All processes on one machine, loopback only."
                    + " One gateway on one Redis, the same fixed offered load with every room's messages kept"
                    + " (`HISTORY_SIZE=1000`, the default) and with none kept (`HISTORY_SIZE=0`), runs alternating.");
            lines.add("");
            lines.add("## Cost of keeping history (ratio of medians, kept / not kept)");
            lines.add("");
            lines.add("| load | frames per server CPU-second | p99 latency | within 15 % |");
            lines.add("|---|---|---|---|");
            Map<String, Map<String, Double>> efficiency = new LinkedHashMap<>();
            Map<String, Map<String, Double>> p99 = new LinkedHashMap<>();
            for (FixedLoad.Result result : results) {
                List<StepResult> kept = result.of(HistoryCost.KEPT);
                List<StepResult> notKept = result.of(HistoryCost.NOT_KEPT);
                double efficiencyRatio = Spread.median(kept, StepResult::efficiency)
                        / Spread.median(notKept, StepResult::efficiency);
                double p99Ratio = Spread.median(kept, StepResult::p99) / Spread.median(notKept, StepResult::p99);
                boolean within = efficiencyRatio >= 1 - BUDGET && p99Ratio <= 1 + BUDGET;
                lines.add("| " + load(result) + " | " + String.format("%.2f", efficiencyRatio) + " | "
                        + String.format("%.2f", p99Ratio) + " | " + (within ? "yes" : "**no**") + " |");
                String category = "rooms of " + result.shape().roomSize();
                efficiency.computeIfAbsent(HistoryCost.KEPT, key -> new LinkedHashMap<>())
                        .put(category, Spread.median(kept, StepResult::efficiency));
                efficiency.computeIfAbsent(HistoryCost.NOT_KEPT, key -> new LinkedHashMap<>())
                        .put(category, Spread.median(notKept, StepResult::efficiency));
                p99.computeIfAbsent(HistoryCost.KEPT, key -> new LinkedHashMap<>()).put(category, Spread.median(kept, StepResult::p99));
                p99.computeIfAbsent(HistoryCost.NOT_KEPT, key -> new LinkedHashMap<>())
                        .put(category, Spread.median(notKept, StepResult::p99));
            }
            lines.add("");
            lines.add("![frames per CPU-second](history-efficiency.png) ![p99](history-p99.png)");
            lines.add("");
            for (FixedLoad.Result result : results) {
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

    private static void runs(List<String> lines, FixedLoad.Result result) {
        lines.add("## " + load(result));
        lines.add("");
        lines.add("| history | frames per CPU-second: median (lowest - highest) | p99 ms: median (lowest - highest)"
                + " | user + system us per frame (median) | gateway GC pauses per run: median (lowest - highest)"
                + " | their time ms: median (lowest - highest) | lost | duplicates |");
        lines.add("|---|---|---|---|---|---|---|---|");
        row(lines, HistoryCost.KEPT, result.of(HistoryCost.KEPT));
        row(lines, HistoryCost.NOT_KEPT, result.of(HistoryCost.NOT_KEPT));
        lines.add("");
    }

    private static void row(List<String> lines, String label, List<StepResult> steps) {
        lines.add("| " + label + " | " + Spread.of(steps, StepResult::efficiency, "%,.0f") + " | "
                + Spread.of(steps, StepResult::p99, "%.1f") + " | "
                + String.format("%.1f + %.1f", Spread.median(steps, StepResult::userMicrosPerFrame),
                Spread.median(steps, StepResult::systemMicrosPerFrame)) + " | "
                + Spread.of(steps, step -> step.gatewayPauses().count(), "%.0f") + " | "
                + Spread.of(steps, step -> step.gatewayPauses().seconds() * 1000, "%.0f") + " | "
                + steps.stream().mapToLong(StepResult::lost).sum() + " | "
                + steps.stream().mapToLong(StepResult::duplicates).sum() + " |");
    }

    private static String load(FixedLoad.Result result) {
        return String.format("%,d connections in rooms of %d, %,.0f deliveries/s, %d runs each",
                result.shape().connections(), result.shape().roomSize(), result.deliveriesPerSecond(),
                result.runCount());
    }
}
