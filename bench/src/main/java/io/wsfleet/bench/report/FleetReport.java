package io.wsfleet.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.wsfleet.bench.fleet.FleetResult;
import io.wsfleet.bench.fleet.FleetSample;
import io.wsfleet.bench.fleet.FleetSettings;
import io.wsfleet.bench.fleet.Phase;
import io.wsfleet.bench.fleet.PhaseResult;
import io.wsfleet.bench.proc.Haproxy;

/**
 * The report of {@code bench/run fleet}: the targets as measured, each phase's counts, charts over
 * the run (connections per gateway, reconnects, deliveries, p99 latency, load average), and every second
 * as {@code samples.csv} beside it.
 */
public final class FleetReport {
    /** How much the p99 during a rolling restart may exceed the steady p99. */
    static final double ROLL_P99_FACTOR = 3;

    private final String command;
    private final FleetResult result;

    public FleetReport(String command, FleetResult result) {
        this.command = command;
        this.result = result;
    }

    /** Writes {@code report.md}, its charts and {@code samples.csv} into {@code folder}; returns the report's path. */
    public Path write(Path folder) {
        try {
            FleetSettings settings = result.settings();
            List<String> lines = ReportFile.opening(folder, "wsfleet benchmark: fleet", command,
                    "All processes on one machine, loopback only.");
            lines.add("- HAProxy: " + Machine.command(Haproxy.binary(), "-v").lines().findFirst().orElse("unknown"));
            lines.add(String.format("- Load average (1 min) during the run: %s, %.2f in its first second (it counts the "
                            + "runnable threads of every process, this run's gateways, HAProxy, Redis and clients included; "
                            + "what it was before they got busy is other work on the same 2 cores)",
                    range(result.samples(), FleetSample::loadAverage, "%.2f"), result.samples().getFirst().loadAverage()));
            lines.add("");
            lines.add(String.format("%d gateways (fixed heap each) behind HAProxy (layer 4, PROXY protocol v2, new "
                            + "connections to the ready gateways in turn, readiness checked every second: three failed "
                            + "checks take a gateway out), one Redis. %,d clients in "
                            + "rooms of %d, each a user of its own, reconnecting by close-code class as the JavaScript SDK "
                            + "does and rejoining with its last position (`since`). A backend publishes %.0f messages a "
                            + "second of %d bytes, spread over the %d rooms, through the publish API behind the same "
                            + "HAProxy. Drain: deregistration delay %d s, window %d s. Rebalancing: margin %d%%, at most %d "
                            + "sheds a second, a round every %d s (a quarter of the %d s presence lease). "
                            + "Every other setting is the gateway's default (a member closed with 1012 keeps its place "
                            + "in its rooms for the 10 s presence reconnect grace).",
                    settings.gateways(), settings.connections(), settings.roomSize(), settings.messagesPerSecond(),
                    settings.messageBytes(), settings.rooms(), settings.drainDelay().toSeconds(),
                    settings.drainWindow().toSeconds(), settings.marginPercent(), settings.maxShedsPerSecond(),
                    settings.presenceLease().toSeconds() / 4, settings.presenceLease().toSeconds()));
            lines.add("");
            targets(lines);
            phases(lines);
            charts(lines, folder);
            samples(folder);
            return ReportFile.write(folder, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void targets(List<String> lines) {
        lines.add("## Targets, as measured in this run");
        lines.add("");
        lines.add("| target | measured | target | met |");
        lines.add("|---|---|---|---|");
        Optional<PhaseResult> steady = result.phase(Phase.STEADY);
        result.phase(Phase.ROLLING_RESTART).ifPresent(roll -> {
            lines.add(row("rolling restart: messages lost or duplicated (clients recovering with `since`)",
                    String.format("%,d lost, %,d duplicated of %,d owed", roll.lost(), roll.duplicates(), roll.owed()),
                    "0", roll.lost() == 0 && roll.duplicates() == 0));
            roll.reconnectBound().ifPresent(bound -> lines.add(row(
                    "rolling restart: peak reconnects per second into any gateway",
                    String.format("%.0f", roll.peakAcceptedPerSecond()),
                    "<= " + bound + " (connections of the drained gateway / window)",
                    roll.peakAcceptedPerSecond() <= bound)));
            steady.ifPresent(calm -> lines.add(row("rolling restart: p99 delivery latency, against steady",
                    String.format("%.1f ms (%.1fx steady %.1f ms)", roll.p99Millis(), roll.p99Millis() / calm.p99Millis(),
                            calm.p99Millis()),
                    "<= " + (int) ROLL_P99_FACTOR + "x", roll.p99Millis() <= ROLL_P99_FACTOR * calm.p99Millis())));
            // Not the target, which counts every delivery: what the clients that stayed connected saw.
            steady.ifPresent(calm -> lines.add("| rolling restart: p99 of the live deliveries alone (the "
                    + String.format("%,d replays after reconnects left out), against steady's live p99 | %.1f ms (%.1fx steady %.1f ms) "
                            + "| not a target | - |", roll.replayedDeliveries(), roll.p99LiveMillis(),
                    roll.p99LiveMillis() / calm.p99LiveMillis(), calm.p99LiveMillis())));
        });
        result.phase(Phase.SCALE_UP).ifPresent(up -> {
            long budget = result.settings().rebalanceBudget().toSeconds();
            lines.add(row("scale-up 2 -> 4: every gateway within 15% of the mean",
                    up.secondsToEven().isPresent() ? String.format("after %.0f s", up.secondsToEven().getAsDouble())
                            : "not within the " + budget * 2 + " s waited",
                    "<= " + budget + " s", up.secondsToEven().isPresent() && up.secondsToEven().getAsDouble() <= budget));
            lines.add(row("scale-up 2 -> 4: messages lost or duplicated",
                    String.format("%,d lost, %,d duplicated of %,d owed", up.lost(), up.duplicates(), up.owed()), "0",
                    up.lost() == 0 && up.duplicates() == 0));
        });
        lines.add("");
        lines.add(String.format("Joins answered `recovered: false` over the whole run: %,d. Clients that gave up "
                + "(terminal close code): %,d. Joins refused (a retryable refusal is asked again, as the SDK does): %s.",
                result.notRecoveredJoins(), result.clientsGaveUp(), result.refusedJoins().isEmpty() ? "none"
                        : result.refusedJoins().toString()));
        lines.add("");
    }

    private static String row(String target, String measured, String goal, boolean met) {
        return "| " + target + " | " + measured + " | " + goal + " | " + (met ? "yes" : "**no**") + " |";
    }

    private void phases(List<String> lines) {
        lines.add("## Every phase");
        lines.add("");
        lines.add("Messages count in the phase they were published in; latencies and rates in the phase they happened in. "
                + "A publish call that failed (a gateway killed while answering) is owed to nobody.");
        lines.add("");
        lines.add("| phase | seconds | messages confirmed (calls failed) | deliveries owed | lost | duplicated "
                + "| p50 / p99 ms | p99 of live deliveries ms (replays) | p99 of each second, ms: median (lowest - highest) "
                + "| client reconnects "
                + "| most accepted by one gateway in a second | drain bound | load average (1 min) |");
        lines.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (PhaseResult phase : result.phases()) {
            List<FleetSample> during = during(phase.phase());
            lines.add(String.format("| %s | %.0f - %.0f | %,d (%,d) | %,d | %,d | %,d | %.1f / %.1f | %.1f (%,d) | %s | %,d | %.0f | %s | %s |",
                    phase.phase().label(), phase.fromSeconds(), phase.toSeconds(), phase.confirmed(),
                    phase.failedPublishes(), phase.owed(), phase.lost(), phase.duplicates(), phase.p50Millis(),
                    phase.p99Millis(), phase.p99LiveMillis(), phase.replayedDeliveries(), medianAndRange(during, FleetSample::p99Millis), phase.reconnects(),
                    phase.peakAcceptedPerSecond(),
                    phase.reconnectBound().isPresent() ? String.valueOf(phase.reconnectBound().getAsLong()) : "-",
                    range(during, FleetSample::loadAverage, "%.2f")));
        }
        lines.add("");
    }

    private List<FleetSample> during(Phase phase) {
        return result.samples().stream().filter(sample -> sample.phase() == phase).toList();
    }

    private void charts(List<String> lines, Path folder) {
        Map<String, Double> marks = new LinkedHashMap<>();
        result.phases().forEach(phase -> marks.put(phase.phase().label(), phase.fromSeconds()));
        Map<String, List<double[]>> connections = new LinkedHashMap<>();
        Map<String, List<double[]>> reconnects = new LinkedHashMap<>();
        reconnects.put("all clients", points(FleetSample::reconnectsPerSecond));
        for (String gateway : gateways()) {
            connections.put(gateway, gatewayPoints(gateway, sample -> sample.connections().get(gateway)));
            reconnects.put("into " + gateway, gatewayPoints(gateway, sample -> sample.acceptedPerSecond().get(gateway)));
        }
        connections.put("clients in their rooms", points(FleetSample::clientsInRoom));
        lines.add("## Over time");
        lines.add("");
        chart(lines, folder, "connections", "Connections per gateway", "connections", connections, marks);
        chart(lines, folder, "reconnects", "Reconnects per second: all clients, and accepted by each gateway", "per second",
                reconnects, marks);
        chart(lines, folder, "deliveries", "Deliveries per second", "deliveries / s",
                Map.of("deliveries", points(FleetSample::deliveriesPerSecond)), marks);
        Map<String, List<double[]>> p99 = new LinkedHashMap<>();
        p99.put("every delivery", points(FleetSample::p99Millis));
        p99.put("live deliveries (replays left out)", points(FleetSample::p99LiveMillis));
        chart(lines, folder, "p99", "p99 delivery latency of each second", "ms", p99, marks);
        chart(lines, folder, "load", "Load average (1 min) of the machine", "load",
                Map.of("load average", points(FleetSample::loadAverage)), marks);
        lines.add("Every second's readings: [samples.csv](samples.csv).");
        lines.add("");
    }

    private static void chart(List<String> lines, Path folder, String name, String title, String unit,
                              Map<String, List<double[]>> series, Map<String, Double> marks) {
        Charts.lines(folder.resolve(name + ".png"), title, "seconds since start", unit, series, marks);
        lines.add("![" + title + "](" + name + ".png)");
        lines.add("");
    }

    /** Every gateway that appears in a sample, in the order they started. */
    private List<String> gateways() {
        TreeSet<String> names = new TreeSet<>((a, b) -> Integer.compare(number(a), number(b)));
        result.samples().forEach(sample -> names.addAll(sample.connections().keySet()));
        return List.copyOf(names);
    }

    private static int number(String gateway) {
        return Integer.parseInt(gateway.substring(gateway.lastIndexOf(' ') + 1));
    }

    private List<double[]> points(ToDoubleFunction<FleetSample> value) {
        return result.samples().stream().map(sample -> new double[] {sample.seconds(), value.applyAsDouble(sample)}).toList();
    }

    /**
     * A gateway's line over the seconds it answered, down to 0 once its process has exited, so that its end
     * shows; a second in which it did not answer in time has no point.
     */
    private List<double[]> gatewayPoints(String gateway, Function<FleetSample, Number> value) {
        List<double[]> points = new ArrayList<>();
        boolean ranBefore = false;
        for (FleetSample sample : result.samples()) {
            Number reading = value.apply(sample);
            boolean runs = sample.running().contains(gateway);
            if (reading != null) {
                points.add(new double[] {sample.seconds(), reading.doubleValue()});
            } else if (!runs && ranBefore) {
                points.add(new double[] {sample.seconds(), 0});
            }
            ranBefore = runs;
        }
        return points;
    }

    private void samples(Path folder) throws IOException {
        List<String> gateways = gateways();
        List<String> csv = new ArrayList<>();
        StringBuilder header = new StringBuilder("seconds,phase,clients_in_room,reconnects_per_s,deliveries_per_s,p99_ms,p99_live_ms,load_1m");
        gateways.forEach(gateway -> header.append(',').append(gateway.replace(' ', '_')).append("_connections,")
                .append(gateway.replace(' ', '_')).append("_accepted_per_s"));
        csv.add(header.toString());
        for (FleetSample sample : result.samples()) {
            StringBuilder row = new StringBuilder(String.format("%.1f,%s,%d,%.1f,%.1f,%.2f,%.2f,%.2f", sample.seconds(),
                    sample.phase().label(), sample.clientsInRoom(), sample.reconnectsPerSecond(),
                    sample.deliveriesPerSecond(), sample.p99Millis(), sample.p99LiveMillis(), sample.loadAverage()));
            for (String gateway : gateways) {
                Integer connections = sample.connections().get(gateway);
                Double accepted = sample.acceptedPerSecond().get(gateway);
                row.append(',').append(connections == null ? "" : connections)
                        .append(',').append(accepted == null ? "" : String.format("%.1f", accepted));
            }
            csv.add(row.toString());
        }
        Files.write(folder.resolve("samples.csv"), csv);
    }

    private static String range(List<FleetSample> samples, ToDoubleFunction<FleetSample> value, String format) {
        double[] values = samples.stream().mapToDouble(value).sorted().toArray();
        return values.length == 0 ? "-"
                : String.format(format, values[0]) + " - " + String.format(format, values[values.length - 1]);
    }

    private static String medianAndRange(List<FleetSample> samples, ToDoubleFunction<FleetSample> value) {
        double[] values = samples.stream().mapToDouble(value).sorted().toArray();
        return values.length == 0 ? "-"
                : String.format("%.1f (%.1f - %.1f)", values[values.length / 2], values[0], values[values.length - 1]);
    }
}
