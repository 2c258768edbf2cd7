package io.wsfleet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.wsfleet.bench.client.LoadClient;
import io.wsfleet.bench.fleet.FleetResult;
import io.wsfleet.bench.fleet.FleetSimulation;
import io.wsfleet.bench.proc.MemoryCgroup;
import io.wsfleet.bench.proc.Servers;
import io.wsfleet.bench.report.EfficiencyReport;
import io.wsfleet.bench.report.EverydayReport;
import io.wsfleet.bench.report.FleetReport;
import io.wsfleet.bench.report.HistoryCostReport;
import io.wsfleet.bench.report.PodReport;
import io.wsfleet.bench.report.Report;
import io.wsfleet.bench.report.SoakReport;
import io.wsfleet.bench.scenario.EverydayLoad;
import io.wsfleet.bench.scenario.FanOut;
import io.wsfleet.bench.scenario.FixedLoad;
import io.wsfleet.bench.scenario.HistoryCost;
import io.wsfleet.bench.scenario.IdleMemory;
import io.wsfleet.bench.scenario.LoadShape;
import io.wsfleet.bench.scenario.PodCapacity;
import io.wsfleet.bench.scenario.Soak;

/**
 * Runs one scenario and writes its report under {@code bench/results/<time>-<scenario>/}:
 * <ul>
 *   <li>{@code fanout}: capacity of every system with rooms of 100 and rooms of 1, and latency at half
 *   capacity with rooms of 100;</li>
 *   <li>{@code crossnode}: the gateway with two nodes on one Redis, publishers on one, members on the other;</li>
 *   <li>{@code idle}: memory per idle connection, gateway and Socket.IO;</li>
 *   <li>{@code latency}: capacity with rooms of 100, then latency at half of it;</li>
 *   <li>{@code history}: the gateway at a fixed load with history kept and without, rooms of 100 and of 1;</li>
 *   <li>{@code everyday}: every system at the same fixed, everyday load (far below capacity), CPU per frame;</li>
 *   <li>{@code efficiency}: every target of the data plane in one report: the everyday load, the capacity ladders
 *   (rooms of 100 and of 1) with idle memory, several runs each, and the pod;</li>
 *   <li>{@code all}: all of the above in one report; {@code smoke}: every system with tiny numbers (and the
 *   pod scenario's, where a memory cgroup can be made);</li>
 *   <li>{@code soak}: one gateway with Redis under connection churn and chat for a long while, and whether
 *   its memory, descriptors, threads and Redis keys come back once the clients are gone (a report of its own);</li>
 *   <li>{@code fleet}: gateways behind HAProxy through a rolling restart, a scale-down, a scale-up and a
 *   SIGKILL, with recovering clients (a report of its own);</li>
 *   <li>{@code pod}: one gateway as the image runs it inside a 1 GiB memory cgroup, filled with idle
 *   connections (a report of its own).</li>
 * </ul>
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options.scenario().equals("soak")) {
            Soak.Result result = soak(options, String.join(" ", args));
            // a soak that did not come back is a failed run, for scripts as well as readers
            System.exit(result.returnedToBaseline() ? 0 : 1);
        }
        if (options.scenario().equals("pod")) {
            System.out.println("report: " + pod(options, String.join(" ", args), folder(options)));
            return;
        }
        Path report = options.scenario().equals("fleet") ? fleet(options, String.join(" ", args))
                : run(options, String.join(" ", args));
        System.out.println("report: " + report);
        if (options.scenario().equals("smoke")) {
            smokePod(options, String.join(" ", args), report.getParent().resolve("pod"));
        }
    }

    /** The pod scenario with the smoke run's tiny numbers, where a memory cgroup can be made. */
    private static void smokePod(Options options, String command, Path folder) throws Exception {
        Optional<String> unavailable = MemoryCgroup.unavailable();
        if (unavailable.isPresent()) {
            System.out.println("pod part of the smoke run skipped: " + unavailable.get());
        } else {
            System.out.println("pod report: " + pod(options, command, folder));
        }
    }

    static Soak.Result soak(Options options, String command) throws Exception {
        Path folder = folder(options);
        Servers servers = new Servers(options.root(), Files.createDirectories(folder.resolve("logs")),
                options.gatewayHeap(), options.gatewayJavaOptions());
        try (LoadClient client = new LoadClient(options.clientThreads(), options.sourceAddresses())) {
            Soak.Result result = Soak.run(options.soak(), servers, client);
            System.out.println("report: " + new SoakReport("bench/run " + command, result).write(folder));
            System.out.println("back to baseline: " + (result.returnedToBaseline() ? "yes" : "NO"));
            return result;
        }
    }

    static Path fleet(Options options, String command) throws Exception {
        Path folder = folder(options);
        Servers servers = new Servers(options.root(), Files.createDirectories(folder.resolve("logs")),
                options.gatewayHeap(), options.gatewayJavaOptions());
        try (LoadClient client = new LoadClient(options.clientThreads(), options.sourceAddresses())) {
            FleetResult result = FleetSimulation.run(options.fleet(), servers, client, folder);
            return new FleetReport("bench/run " + command, result).write(folder);
        }
    }

    static Path pod(Options options, String command, Path folder) throws Exception {
        Servers servers = new Servers(options.root(), Files.createDirectories(folder.resolve("logs")),
                options.gatewayHeap(), options.gatewayJavaOptions());
        try (LoadClient client = new LoadClient(options.clientThreads(), options.sourceAddresses())) {
            PodCapacity.Result result = PodCapacity.run(options.pod(), servers, client, options.root().resolve("Dockerfile"));
            return new PodReport("bench/run " + command, result).write(folder);
        }
    }

    private static Path folder(Options options) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
        return options.out().resolve(stamp + "-" + options.scenario());
    }

    static Path run(Options options, String command) throws Exception {
        Path folder = folder(options);
        Path logs = Files.createDirectories(folder.resolve("logs"));
        Servers servers = new Servers(options.root(), logs, options.gatewayHeap(), options.gatewayJavaOptions());
        List<FanOut.Capacity> capacities = new ArrayList<>();
        List<IdleMemory.Result> idle = new ArrayList<>();
        String scenario = options.scenario();
        if (scenario.equals("history")) {
            return historyCost(options, command, folder, servers);
        }
        if (scenario.equals("everyday")) {
            return everyday(options, command, folder, servers);
        }
        if (scenario.equals("efficiency")) {
            return efficiency(options, command, folder, servers);
        }
        try (LoadClient client = new LoadClient(options.clientThreads(), options.sourceAddresses())) {
            if (scenario.equals("fanout") || scenario.equals("latency") || scenario.equals("all") || scenario.equals("smoke")) {
                capacities.addAll(capacities(options, options.shape(), servers, client));
            }
            if (scenario.equals("fanout") || scenario.equals("all")) {
                capacities.addAll(capacities(options, roomsOfOne(options), servers, client));
            }
            if (scenario.equals("crossnode") || scenario.equals("all") || scenario.equals("smoke")) {
                System.out.println("gateway, two nodes, rooms of " + options.shape().roomSize());
                capacities.add(FanOut.measure(SystemKind.GATEWAY, 2, options.shape(), true, servers, client));
            }
            if (scenario.equals("idle") || scenario.equals("all") || scenario.equals("smoke")) {
                idle.addAll(idle(options, servers, client));
            }
        }
        if (capacities.isEmpty() && idle.isEmpty()) {
            throw new IllegalArgumentException("unknown scenario " + scenario);
        }
        return new Report(scenario, "bench/run " + command, capacities, idle).write(folder);
    }

    /**
     * Every system's capacity with {@code shape}, on one node; with rooms of more than one, latency at half
     * of it too.
     */
    private static List<FanOut.Capacity> capacities(Options options, LoadShape shape, Servers servers, LoadClient client) {
        List<FanOut.Capacity> capacities = new ArrayList<>();
        for (SystemKind system : options.systems()) {
            System.out.println(system.label() + ", rooms of " + shape.roomSize());
            capacities.add(FanOut.measure(system, 1, shape, shape.roomSize() > 1, servers, client));
        }
        return capacities;
    }

    /** One message is one delivery here: the ladder starts lower and climbs as far as each system goes. */
    private static LoadShape roomsOfOne(Options options) {
        return options.shape().withRoomSize(1).withStartRate(options.shape().startDeliveriesPerSecond() / 4);
    }

    /** Memory per idle connection of every system that holds connections itself (not raw Redis). */
    private static List<IdleMemory.Result> idle(Options options, Servers servers, LoadClient client) {
        List<IdleMemory.Result> idle = new ArrayList<>();
        for (SystemKind system : options.systems()) {
            if (system != SystemKind.REDIS) {
                System.out.println(system.label() + ", idle connections");
                idle.add(IdleMemory.measure(system, options.idleConnections(), IdleMemory.SETTLE, servers, client));
            }
        }
        return idle;
    }

    /**
     * Every target of the data plane in one run: the everyday load ({@code --runs} of every system), then
     * {@code --runs} of the capacity ladders and idle memory, then the pod.
     */
    private static Path efficiency(Options options, String command, Path folder, Servers servers) {
        Optional<String> noPod = MemoryCgroup.unavailable();
        if (noPod.isPresent()) {
            throw new IllegalStateException("the efficiency run needs a memory cgroup for its pod: " + noPod.get());
        }
        try (LoadClient client = new LoadClient(options.clientThreads(), options.sourceAddresses())) {
            System.out.println("everyday load");
            FixedLoad.Result everyday = EverydayLoad.measure(options.systems(),
                    options.shape().withConnections(EverydayLoad.CONNECTIONS), options.plan(options.rate()), servers, client);
            List<EfficiencyReport.Run> runs = new ArrayList<>();
            for (int run = 1; run <= options.runs(); run++) {
                System.out.println("capacity and idle memory, run " + run + " of " + options.runs());
                List<FanOut.Capacity> capacities = new ArrayList<>(capacities(options, options.shape(), servers, client));
                capacities.addAll(capacities(options, roomsOfOne(options), servers, client));
                runs.add(new EfficiencyReport.Run(capacities, idle(options, servers, client)));
            }
            System.out.println("the pod");
            PodCapacity.Result pod = PodCapacity.run(options.pod(), servers, client, options.root().resolve("Dockerfile"));
            return new EfficiencyReport("bench/run " + command, everyday, runs, pod).write(folder);
        }
    }

    /** Rooms of 100 at {@code --rate} deliveries a second, rooms of 1 at a quarter of it (each a publication). */
    private static Path historyCost(Options options, String command, Path folder, Servers servers) {
        List<FixedLoad.Result> results = new ArrayList<>();
        try (LoadClient client = new LoadClient(options.clientThreads(), options.sourceAddresses())) {
            results.add(HistoryCost.measure(options.shape(), options.plan(options.rate()), servers, client));
            results.add(HistoryCost.measure(options.shape().withRoomSize(1), options.plan(options.rate() / 4.0),
                    servers, client));
        }
        return new HistoryCostReport("bench/run " + command, results).write(folder);
    }

    /** Every system at {@code --rate} deliveries a second with the load shape's connections and rooms. */
    private static Path everyday(Options options, String command, Path folder, Servers servers) {
        try (LoadClient client = new LoadClient(options.clientThreads(), options.sourceAddresses())) {
            FixedLoad.Result result = EverydayLoad.measure(options.systems(), options.shape(),
                    options.plan(options.rate()), servers, client);
            return new EverydayReport("bench/run " + command, result).write(folder);
        }
    }
}
