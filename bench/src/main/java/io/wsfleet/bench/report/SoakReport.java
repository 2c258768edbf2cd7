package io.wsfleet.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.wsfleet.bench.scenario.Soak;
import io.wsfleet.bench.scenario.SoakMetric;
import io.wsfleet.bench.scenario.SoakSample;

/** The Markdown report of a soak, with a chart of each {@link SoakMetric} over the run beside it. */
public final class SoakReport {
    private final String command;
    private final Soak.Result result;

    public SoakReport(String command, Soak.Result result) {
        this.command = command;
        this.result = result;
    }

    /** Writes {@code report.md} and its charts into {@code folder}; returns the report's path. */
    public Path write(Path folder) {
        try {
            Soak.Settings settings = result.settings();
            List<String> lines = ReportFile.opening(folder, "wsfleet soak", command,
                    "One gateway node with its Redis, all on one "
                    + "machine, loopback only.");
            lines.add("");
            lines.add(String.format("Load: %,d connections in rooms of %d for %d min; every second %,d of them leave "
                            + "and new users take their places (connect, authenticate, join), and members publish "
                            + "%,d messages into their rooms. A reading after a full GC on the gateway every %d s.",
                    settings.connections(), settings.roomSize(), settings.duration().toMinutes(),
                    settings.churnPerSecond(), settings.messagesPerSecond(), settings.sampleEvery().toSeconds()));
            lines.add("");
            lines.add(String.format("Traffic under load: %,d reconnects (%,d connects failed and were retried), "
                            + "%,d messages published, %,d deliveries received.", result.reconnects(),
                    result.failedConnects(), result.published(), result.received()));
            lines.add("");
            lines.add("## Back to baseline once the clients are gone: " + (result.returnedToBaseline() ? "yes" : "**no**"));
            lines.add("");
            lines.add("The baseline is read after one warm-up cycle (every connection opened, chatting for a while, "
                    + "closed), so that what a first load grows once and keeps (JIT code, pools, malloc arenas) is in "
                    + "it; the reading before any client connected is shown as cold. The end is read after every "
                    + "client left, as soon as each metric is within its allowance (or after six more minutes: kept room "
                    + "history expires five minutes after a room's last message). Both "
                    + "wait 70 s first: the gateway's rate-limit counters in Redis live for their one-minute window.");
            lines.add("");
            lines.add("| metric | cold | baseline | highest under load | end | allowed above baseline | back |");
            lines.add("|---|---|---|---|---|---|---|");
            for (SoakMetric metric : SoakMetric.values()) {
                long highest = result.samples().stream().mapToLong(metric::of).max().orElseThrow();
                lines.add(String.format("| %s | %s | %s | %s | %s | %s | %s |", metric.label(),
                        format(metric, metric.of(result.cold())), format(metric, metric.of(result.baseline())),
                        format(metric, highest), format(metric, metric.of(result.end())),
                        metric.judged() ? format(metric, metric.allowance()) : "not judged: they expire",
                        !metric.judged() ? "-" : metric.withinAllowance(result.baseline(), result.end()) ? "yes" : "**no**"));
            }
            lines.add("");
            charts(lines, folder);
            readings(lines);
            return ReportFile.write(folder, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void charts(List<String> lines, Path folder) {
        lines.add("## Over time");
        lines.add("");
        chart(folder, "connections", "Open client connections", "connections",
                Map.of("connections", points(sample -> sample.connections())));
        lines.add("![connections](connections.png)");
        lines.add("");
        for (SoakMetric metric : SoakMetric.values()) {
            String name = metric.name().toLowerCase().replace('_', '-');
            Map<String, List<double[]>> series = new LinkedHashMap<>();
            series.put(metric.label(), points(sample -> metric.scaled(metric.of(sample))));
            if (metric.judged()) {
                double limit = metric.scaled(metric.of(result.baseline()) + metric.allowance());
                series.put("baseline + allowance", List.of(new double[] {0, limit},
                        new double[] {minutes(result.samples().getLast()), limit}));
            }
            chart(folder, name, metric.label(), metric.unit(), series);
            lines.add("![" + metric.label() + "](" + name + ".png)");
            lines.add("");
        }
    }

    private List<double[]> points(ToDoubleFunction<SoakSample> value) {
        return result.samples().stream().map(sample -> new double[] {minutes(sample), value.applyAsDouble(sample)}).toList();
    }

    private static double minutes(SoakSample sample) {
        return sample.at().toMillis() / 60_000.0;
    }

    private static void chart(Path folder, String name, String title, String unit, Map<String, List<double[]>> series) {
        Charts.lines(folder.resolve(name + ".png"), title, "minutes since start", unit, series);
    }

    private void readings(List<String> lines) {
        lines.add("## Every reading");
        lines.add("");
        lines.add("| minute | phase | connections | heap after GC MB | RSS MB | open files | threads | Redis keys"
                + " | of them expiring | Redis MB |");
        lines.add("|---|---|---|---|---|---|---|---|---|---|");
        for (SoakSample sample : result.samples()) {
            lines.add(String.format("| %.1f | %s | %,d | %.1f | %.1f | %,d | %d | %,d | %,d | %.1f |", minutes(sample),
                    sample.phase(), sample.connections(), sample.heapBytes() / 1048576.0,
                    sample.rssBytes() / 1048576.0, sample.openFiles(), sample.threads(), sample.redisKeys(),
                    sample.redisExpiringKeys(), sample.redisMemoryBytes() / 1048576.0));
        }
        lines.add("");
    }

    private static String format(SoakMetric metric, long value) {
        return metric.unit().equals("MB") ? String.format("%.1f MB", metric.scaled(value)) : String.format("%,d", value);
    }
}
