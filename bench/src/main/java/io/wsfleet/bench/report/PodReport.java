package io.wsfleet.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import io.wsfleet.bench.proc.GcCpu;
import io.wsfleet.bench.scenario.PodCapacity;

/**
 * The report of {@code bench/run pod}: how many idle connections one gateway held in a pod's memory limit,
 * how close it came to the limit, what its collector cost, and a chart of its memory against connections.
 */
public final class PodReport {
    private static final double MIB = 1 << 20;

    private final String command;
    private final PodCapacity.Result result;

    public PodReport(String command, PodCapacity.Result result) {
        this.command = command;
        this.result = result;
    }

    /** Writes {@code report.md} and its chart into {@code folder}; returns the report's path. */
    public Path write(Path folder) {
        try {
            List<String> lines = ReportFile.opening(folder, "wsfleet benchmark: pod", command,
                    "One gateway with its Redis on one machine, "
                    + "loopback only; the gateway alone inside a memory cgroup, as in a pod.");
            lines.add("");
            setup(lines);
            results(lines);
            Charts.lines(folder.resolve("pod-memory.png"), "Gateway memory in a " + mib(result.limitBytes())
                    + " limit, against idle connections", "connections", "MiB", chart());
            lines.add("![memory against connections](pod-memory.png)");
            lines.add("");
            readings(lines);
            return ReportFile.write(folder, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void setup(List<String> lines) {
        lines.add("## The pod");
        lines.add("");
        lines.add("- The gateway jar runs with the JVM options of the image's `ENTRYPOINT` (read from the Dockerfile): `"
                + String.join(" ", result.javaOptions()) + "`, and no heap settings of the harness's.");
        lines.add("- Memory limit: " + mib(result.limitBytes()) + ", the `memory.limit_in_bytes` of a cgroup v1 of its "
                + "own (`" + result.cgroup() + "`, removed at the end), which the gateway's process entered before "
                + "`java` started.");
        lines.add(String.format("- What the JVM chose from it (`jcmd VM.flags`): a max heap of %s (%.0f %% of the limit), "
                        + "an initial heap of %s, the %s collector. The JVM %s.", mib(result.jvm().maxHeapBytes()),
                100.0 * result.jvm().maxHeapBytes() / result.limitBytes(), mib(result.jvm().initialHeapBytes()),
                result.jvm().collector(), result.jvmSawTheLimit() ? "saw the limit"
                        : "**did not see the limit** (its max heap is above it)"));
        lines.add(String.format("- Idle authenticated connections (each its own user, none in a room), %,d asked, in "
                        + "%d batches; %s", result.settings().connections(), result.settings().batches(),
                result.planned() == result.settings().connections() ? "they fit in the open-file limits."
                        : String.format("**%,d fit** in the open-file limits (the harness could open %,d more files, "
                                + "the gateway %,d, one per connection each, and a few spare).", result.planned(),
                        result.files().harness(), result.files().gateway())));
        lines.add("- After each batch and 3 s: the cgroup's `memory.usage_in_bytes`, `memory.max_usage_in_bytes` and "
                + "`memory.failcnt`, and the gateway's RSS, as the pod is; then a full GC (`jcmd GC.run`) and the heap "
                + "used after it. GC CPU: user + system time of the collector's threads (`GC Thread#*`, `G1 *`, and "
                + "`VM Thread`, in which the Serial collector works) against the whole process's, from `/proc`, less "
                + "what the harness's own full collections cost.");
        lines.add("");
    }

    private void results(List<String> lines) {
        PodCapacity.Reading last = result.readings().getLast();
        lines.add("## Results");
        lines.add("");
        lines.add("| figure | measured | target | met |");
        lines.add("|---|---|---|---|");
        lines.add(String.format("| idle connections held | %,d of %,d | %,d | %s |", result.connectionsHeld(),
                result.settings().connections(), result.settings().connections(),
                yes(result.exit().isEmpty() && result.connectionsHeld() == result.settings().connections())));
        lines.add(String.format("| gateway at the end | %s | running | %s |",
                result.exit().map(PodCapacity.Exit::cause).orElse("running"), yes(result.exit().isEmpty())));
        lines.add(String.format("| peak cgroup usage (`memory.max_usage_in_bytes`) / limit | %s / %s (%.0f %%), limit hit "
                        + "%,d times | < limit | %s |", mib(result.end().maxUsageBytes()), mib(result.limitBytes()),
                100.0 * result.end().maxUsageBytes() / result.limitBytes(), result.end().failCount(),
                yes(result.end().failCount() == 0)));
        gcRow(lines, "GC CPU share, whole run (since the gateway started)", result.wholeRun());
        gcRow(lines, "GC CPU share, last batch", result.lastBatch());
        lines.add("");
        lines.add(String.format("Per connection (least squares over the readings): cgroup usage %.1f KB, heap after GC "
                        + "%.1f KB, RSS %.1f KB.", result.usagePerConnection() / 1024, result.heapPerConnection() / 1024,
                result.rssPerConnection() / 1024));
        lines.add("");
        lines.add(String.format("**Extrapolated: %,.0f idle connections** would fill the %s limit = (limit - %s used at "
                        + "0 connections) / %.1f KB per connection, beside **%,d measured** (cgroup usage %s there). "
                        + "The line assumes the growth stays linear; the heap stops at its max of %s, whatever the "
                        + "cgroup has left.", result.extrapolatedConnections(), mib(result.limitBytes()),
                mib(result.readings().getFirst().cgroup().usageBytes()), result.usagePerConnection() / 1024,
                last.connections(), mib(last.cgroup().usageBytes()), mib(result.jvm().maxHeapBytes())));
        lines.add("");
    }

    private static void gcRow(List<String> lines, String figure, GcCpu cpu) {
        lines.add(String.format("| %s | %.1f %% (%.2f of %.2f CPU-s) | <= %.0f %% | %s |", figure, cpu.share() * 100,
                cpu.gcSeconds(), cpu.totalSeconds(), Targets.GC_SHARE * 100, yes(cpu.share() <= Targets.GC_SHARE)));
    }

    private Map<String, List<double[]>> chart() {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("cgroup usage", points(reading -> reading.cgroup().usageBytes()));
        series.put("RSS", points(PodCapacity.Reading::rssBytes));
        series.put("heap after GC", points(PodCapacity.Reading::heapAfterGcBytes));
        series.put("limit", flat(result.limitBytes()));
        series.put("max heap", flat(result.jvm().maxHeapBytes()));
        return series;
    }

    private List<double[]> points(ToLongFunction<PodCapacity.Reading> bytes) {
        return result.readings().stream()
                .map(reading -> new double[] {reading.connections(), bytes.applyAsLong(reading) / MIB}).toList();
    }

    private List<double[]> flat(long bytes) {
        return List.of(new double[] {0, bytes / MIB}, new double[] {result.connectionsHeld(), bytes / MIB});
    }

    private void readings(List<String> lines) {
        lines.add("## Every reading");
        lines.add("");
        lines.add("| connections | cgroup usage MiB | cgroup peak MiB | limit hit | RSS MiB | heap after GC MiB "
                + "| GC CPU-s | gateway CPU-s | GC share |");
        lines.add("|---|---|---|---|---|---|---|---|---|");
        for (PodCapacity.Reading reading : result.readings()) {
            lines.add(String.format("| %,d | %.1f | %.1f | %,d | %.1f | %.1f | %.2f | %.2f | %.1f %% |",
                    reading.connections(), reading.cgroup().usageBytes() / MIB, reading.cgroup().maxUsageBytes() / MIB,
                    reading.cgroup().failCount(), reading.rssBytes() / MIB, reading.heapAfterGcBytes() / MIB,
                    reading.cpu().gcSeconds(), reading.cpu().totalSeconds(), reading.cpu().share() * 100));
        }
        lines.add("");
    }

    private static String mib(long bytes) {
        return String.format("%,d MiB", bytes >> 20);
    }

    private static String yes(boolean met) {
        return met ? "yes" : "**no**";
    }
}
