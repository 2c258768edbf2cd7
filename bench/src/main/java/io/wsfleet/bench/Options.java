package io.wsfleet.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.wsfleet.bench.fleet.FleetSettings;
import io.wsfleet.bench.scenario.EverydayLoad;
import io.wsfleet.bench.scenario.FixedLoad;
import io.wsfleet.bench.scenario.LoadShape;
import io.wsfleet.bench.scenario.PodCapacity;
import io.wsfleet.bench.scenario.Soak;

/**
 * Command-line settings: {@code SCENARIO [--name value]...}. Defaults are the full run
 * (10,000 connections, rooms of 100, 100-byte messages, 10-second steps).
 */
public record Options(String scenario, LoadShape shape, int idleConnections, List<SystemKind> systems,
                      Soak.Settings soak, FleetSettings fleet, Path root, Path out, String gatewayHeap, List<String> gatewayJavaOptions,
                      int clientThreads, int sourceAddresses, int runs, int rate, Duration warmUp,
                      PodCapacity.Settings pod) {

    public static Options parse(String... args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("usage: bench/run fanout|crossnode|idle|latency|history|everyday|efficiency|all|smoke|soak|fleet|pod [--name value]...");
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
        String scenario = args[0];
        boolean smoke = scenario.equals("smoke");
        LoadShape shape = new LoadShape(
                // everyday: 1,000 connections in rooms of 100 at 20,000 deliveries a second (--rate)
                number(values, "connections", smoke ? 40 : scenario.equals("everyday") ? EverydayLoad.CONNECTIONS : 10_000),
                number(values, "room-size", smoke ? 10 : 100),
                number(values, "message-bytes", 100),
                Duration.ofSeconds(number(values, "step-seconds", smoke ? 2 : 10)),
                number(values, "start-rate", smoke ? 200 : 10_000),
                Double.parseDouble(values.getOrDefault("growth", "1.5")),
                number(values, "max-steps", smoke ? 1 : 14));
        List<SystemKind> systems = Arrays.stream(values.getOrDefault("systems", "gateway,socketio,redis").split(","))
                .map(name -> SystemKind.valueOf(name.trim().toUpperCase())).toList();
        // Just below the 20,000 files one process may open: the gateway holds one per connection and a few more.
        Soak.Settings soak = new Soak.Settings(number(values, "soak-connections", 18_000),
                number(values, "soak-room-size", 10), Duration.ofMinutes(number(values, "soak-minutes", 30)),
                number(values, "churn-per-second", 50), number(values, "soak-messages-per-second", 200),
                Duration.ofSeconds(number(values, "sample-seconds", 30)));
        // 3 gateways of 2,000 connections, the rolling restart; the drain and rebalancing defaults of an
        // operator-managed fleet (a 30 s window: the gateway's own 10 s fits a pod without the operator).
        FleetSettings fleet = new FleetSettings(number(values, "fleet-gateways", 3),
                number(values, "fleet-connections", 6_000), number(values, "fleet-room-size", 100),
                number(values, "fleet-messages-per-second", 60), shape.messageBytes(),
                Duration.ofSeconds(number(values, "drain-delay-seconds", 5)),
                Duration.ofSeconds(number(values, "drain-window-seconds", 30)),
                Duration.ofSeconds(number(values, "presence-lease-seconds", 20)),
                number(values, "rebalance-margin-percent", 10), number(values, "rebalance-max-sheds-per-second", 20),
                Duration.ofSeconds(number(values, "rebalance-budget-seconds", 240)),
                Duration.ofSeconds(number(values, "fleet-steady-seconds", 30)),
                Duration.ofSeconds(number(values, "fleet-settle-seconds", 10)));
        // A pod of 1 GiB; 19,000 connections: the gateway and the harness each hold one file per connection, of 20,000.
        PodCapacity.Settings pod = new PodCapacity.Settings(bytes(values, "pod-memory", "1g"),
                number(values, "pod-connections", smoke ? 40 : 19_000), number(values, "pod-batches", smoke ? 2 : 10));
        Path root = Path.of(values.getOrDefault("root", ".")).toAbsolutePath().normalize();
        return new Options(scenario, shape, number(values, "idle-connections", smoke ? 40 : 15_000), systems, soak, fleet, root,
                Path.of(values.getOrDefault("out", root.resolve("bench/results").toString())),
                values.getOrDefault("gateway-heap", "1g"),
                values.containsKey("gateway-java-options")
                        ? List.of(values.get("gateway-java-options").trim().split("\\s+")) : List.of(),
                number(values, "client-threads", 2),
                number(values, "source-addresses", 4),
                number(values, "runs", smoke ? 1 : 3),
                number(values, "rate", smoke ? 200 : 20_000),
                Duration.ofSeconds(number(values, "warmup-seconds", smoke ? 2 : 30)),
                pod);
    }

    /** A fixed-load scenario's plan at {@code deliveriesPerSecond}: {@code --runs}, {@code --warmup-seconds}. */
    public FixedLoad.Plan plan(double deliveriesPerSecond) {
        return new FixedLoad.Plan(deliveriesPerSecond, runs, warmUp);
    }

    private static int number(Map<String, String> values, String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    /** A size as for {@code -Xmx}: bytes, or a number of {@code k}, {@code m} or {@code g} (1024-based). */
    private static long bytes(Map<String, String> values, String name, String fallback) {
        String size = values.getOrDefault(name, fallback).trim().toLowerCase();
        int shift = switch (size.charAt(size.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        return Long.parseLong(shift == 0 ? size : size.substring(0, size.length() - 1)) << shift;
    }
}
