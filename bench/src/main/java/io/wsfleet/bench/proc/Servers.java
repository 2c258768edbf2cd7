package io.wsfleet.bench.proc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsfleet.bench.Tokens;

/**
 * Starts the servers under test on loopback, each on a free port, logging into the run's folder:
 * {@code redis-server} (found on the PATH), the gateway jar, the Socket.IO peer.
 */
public final class Servers {
    private final Path root;
    private final Path logs;
    private final String gatewayHeap;
    private final List<String> gatewayJavaOptions;
    private final AtomicInteger started = new AtomicInteger();

    /**
     * @param root the repository (for {@code gateway/target/wsfleet-gateway.jar} and {@code bench/peers})
     * @param logs where each server's output goes
     * @param gatewayHeap the gateway's fixed heap, as for {@code -Xmx} ({@code 1g})
     * @param gatewayJavaOptions more JVM options for the gateway, for example to record a JFR profile
     */
    public Servers(Path root, Path logs, String gatewayHeap, List<String> gatewayJavaOptions) {
        this.root = root;
        this.logs = logs;
        this.gatewayHeap = gatewayHeap;
        this.gatewayJavaOptions = List.copyOf(gatewayJavaOptions);
        if (!Files.isRegularFile(gatewayJar())) {
            throw new IllegalStateException("no gateway jar at " + gatewayJar() + ": build it first (bench/run does)");
        }
    }

    public ServerProcess redis(String name) {
        int port = FreePorts.next();
        return ServerProcess.start(name, List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--maxclients", "19000", "--protected-mode", "no"),
                Map.of(), port, log(name));
    }

    public ServerProcess gateway(String name, int redisPort) {
        return gateway(name, redisPort, Map.of());
    }

    /** A gateway with {@code settings} (environment variables) over the benchmark's own. */
    public ServerProcess gateway(String name, int redisPort, Map<String, String> settings) {
        // The whole fixed heap is touched at start, so that RSS growth afterwards is native memory only
        // and the heap's share is read where it is exact: heap used after GC.
        List<String> javaOptions = new ArrayList<>(List.of("-Xms" + gatewayHeap, "-Xmx" + gatewayHeap,
                "-XX:+AlwaysPreTouch"));
        javaOptions.addAll(imageJavaOptions());
        javaOptions.addAll(gatewayJavaOptions);
        return gateway(name, redisPort, List.of(), javaOptions, settings);
    }

    /**
     * A gateway started as {@code launcher... java javaOptions... -jar gateway.jar} with the benchmark's
     * environment and {@code settings} over it: for example with the image's own JVM options, inside a
     * memory cgroup that the launcher enters before it runs {@code java}.
     */
    public ServerProcess gateway(String name, int redisPort, List<String> launcher, List<String> javaOptions,
                                 Map<String, String> settings) {
        int port = FreePorts.next();
        List<String> command = new ArrayList<>(launcher);
        command.add(javaCommand());
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", gatewayJar().toString()));
        Map<String, String> environment = new HashMap<>(Map.ofEntries(
                Map.entry("PORT", String.valueOf(port)),
                Map.entry("ADMIN_PORT", String.valueOf(FreePorts.next())),
                Map.entry("HOST", "127.0.0.1"),
                Map.entry("JWT_SECRET_KEY", Tokens.SECRET),
                Map.entry("REDIS_URL", "redis://127.0.0.1:" + redisPort),
                // The benchmark measures delivery, not abuse controls: limits well above the offered load.
                Map.entry("MESSAGE_RATE_LIMIT", "100000000"),
                Map.entry("CONNECTION_RATE_LIMIT", "100000000"),
                Map.entry("MAX_CONNECTIONS_PER_USER", "1000"),
                // The scenarios place their connections themselves: no rebalancing moves them, and a stopped
                // gateway closes them at once (within the harness's 10 s before SIGKILL).
                Map.entry("REBALANCE_ENABLED", "false"),
                Map.entry("DRAIN_DEREGISTRATION_DELAY_SECONDS", "0"),
                Map.entry("DRAIN_WINDOW_SECONDS", "0")));
        environment.putAll(settings);
        return ServerProcess.start(name, command, environment, port, log(name));
    }

    public ServerProcess socketIo(String name, int redisPort) {
        int port = FreePorts.next();
        Path peer = root.resolve("bench/peers/socketio");
        if (!Files.isDirectory(peer.resolve("node_modules"))) {
            throw new IllegalStateException("run npm ci in " + peer + " first (bench/run does)");
        }
        // --expose-gc: the harness forces a full collection before it reads the node's memory (GET /bench/gc).
        return ServerProcess.start(name, List.of("node", "--expose-gc", peer.resolve("server.js").toString()),
                Map.of("PORT", String.valueOf(port), "REDIS_URL", "redis://127.0.0.1:" + redisPort,
                        "JWT_SECRET_KEY", Tokens.SECRET),
                port, log(name));
    }

    /**
     * The JVM options the image ships the gateway with (its collector, object headers and the like), so that
     * every scenario measures what a pod runs; the fixed heap above takes the place of the image's share of
     * a memory limit. Not {@code -XX:-UsePerfData}: it only keeps a read-only root clean, and without the
     * performance counters the harness could not read the collector's pauses ({@code jstat}).
     */
    private List<String> imageJavaOptions() {
        return ImageEntrypoint.javaOptions(root.resolve("Dockerfile")).stream()
                .filter(option -> !option.equals("-XX:-UsePerfData"))
                .toList();
    }

    /** Numbered in start order: a run starts several deployments whose servers have the same names. */
    private Path log(String name) {
        return logs.resolve(String.format("%02d-%s.log", started.incrementAndGet(), name));
    }

    private Path gatewayJar() {
        return root.resolve("gateway/target/wsfleet-gateway.jar");
    }

    /** The JDK running the harness (21+, as the gateway needs). */
    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
