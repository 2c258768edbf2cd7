package io.wsfleet.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.wsfleet.operator.api.v1alpha1.ManagedRedisSpec;
import io.wsfleet.operator.api.v1alpha1.RedisSpec;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterSpec;
import io.wsfleet.operator.support.Clusters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start scripts of Sentinel mode, as the operator renders them (command, preStop and the names of their
 * variables), run against real redis-server processes on loopback ports: three "pods" of a Redis server and a
 * Sentinel each. The first start makes pod 0 the master; a drained master hands over; pod 0 restarted
 * later follows the new master; a crashed master is replaced, and when it starts again it asks the
 * Sentinels and rejoins as a replica instead of making a second master.
 */
class RedisSentinelScriptsIT {

    private static final String PASSWORD = "test-password";
    private static final int PODS = 3;
    private static final Duration FAILOVER = Duration.ofSeconds(40);
    private static final Random RANDOM = new Random();

    // kept when the test fails: the servers' and Sentinels' logs are in it
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<Pod> pods = new ArrayList<>();
    private final Map<String, Process> running = new HashMap<>();

    /** One pod: its ordinal and the ports of its server and its Sentinel. */
    private record Pod(int ordinal, int redisPort, int sentinelPort) {
    }

    @AfterEach
    void stopEverything() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void theMasterIsHandedOverReplacedAndARestartedOneRejoinsAsAReplica() throws Exception {
        List<Container> containers = RedisModel.statefulSet(Clusters.of("prod", "chat", new WebSocketClusterSpec(null, null, null,
                        new RedisSpec(new ManagedRedisSpec(null, null, null, null, PODS), null), Clusters.jwtAuth(), null, null, null, null,
                        null, null, null)), OperatorSettings.defaults())
                .getSpec().getTemplate().getSpec().getContainers();
        Container server = containers.getFirst();
        Container sentinel = containers.get(1);
        for (int ordinal = 0; ordinal < PODS; ordinal++) {
            pods.add(new Pod(ordinal, freePort(), freePort()));
        }
        assertThat(environment(pods.getFirst()).keySet()).as("the variables the operator sets, POD_NAME aside")
                .isEqualTo(server.getEnv().stream().map(EnvVar::getName).filter(name -> !name.equals("POD_NAME")).collect(Collectors.toSet()));

        // the first start, in the StatefulSet's order: each pod once the one before is ready
        for (Pod pod : pods) {
            start(pod, server.getCommand(), "server");
            await().atMost(Duration.ofSeconds(10)).until(() -> cli(pod.redisPort(), "PING").equals("PONG"));
            start(pod, sentinel.getCommand(), "sentinel");
            await().atMost(Duration.ofSeconds(10)).until(() -> cli(pod.sentinelPort(), "PING").equals("PONG"));
        }
        Pod first = pods.getFirst();
        await("pod 0 masters two replicas, known to every Sentinel").atMost(FAILOVER).until(() -> replicas(first) == 2
                && pods.stream().allMatch(pod -> sentinelSees(pod, first, PODS - 1)));

        // a drain: the preStop of the master's server container asks for a planned failover, and waits for it
        long handoverStarted = System.nanoTime();
        Process handover = run(first, server.getLifecycle().getPreStop().getExec().getCommand(), "handover");
        assertThat(handover.waitFor(60, TimeUnit.SECONDS)).as("the handover finishes").isTrue();
        // reported, not asserted: the figure docs/operator.md gives
        System.out.printf("RedisSentinelScriptsIT: the master handed over in %d ms%n", (System.nanoTime() - handoverStarted) / 1_000_000);
        assertThat(handover.exitValue()).isZero();
        assertThat(role(first)).isEqualTo("slave");
        Pod promoted = await().atMost(FAILOVER).until(() -> masterNamedBy(pods.get(1)), pod -> pod != null && pod != first);

        // pod 0 restarts (its node rebooted): though it is FIRST_MASTER, it asks the Sentinels and follows the master
        stop(first, "server");
        startServerAgain(first, server);
        await().atMost(FAILOVER).until(() -> info(first).contains("master_port:" + promoted.redisPort()));

        // a crash of the new master: the Sentinels promote one of the others
        stop(promoted, "server");
        Pod next = await().atMost(FAILOVER).until(() -> masterNamedBy(first), pod -> pod != null && pod != promoted);
        await().atMost(FAILOVER).until(() -> pods.stream().filter(pod -> pod != promoted).allMatch(pod -> role(pod).equals(
                pod == next ? "master" : "slave")));

        // the crashed one starts again: it asks the Sentinels, and follows the new master
        startServerAgain(promoted, server);
        await().atMost(FAILOVER).until(() -> info(promoted).contains("master_port:" + next.redisPort())
                && info(promoted).contains("master_link_status:up"));
        assertThat(pods.stream().filter(pod -> role(pod).equals("master")).toList()).containsExactly(next);

        // and so does a restarted Sentinel
        stop(promoted, "sentinel");
        start(promoted, sentinel.getCommand(), "sentinel");
        await().atMost(FAILOVER).until(() -> masterNamedBy(promoted) == next);
    }

    /**
     * Starts a crashed pod's server again, which must start as a replica: a master, even one the Sentinels
     * demote a few seconds later, would take writes that are then lost.
     */
    private void startServerAgain(Pod pod, Container server) throws IOException {
        start(pod, server.getCommand(), "server");
        await().atMost(Duration.ofSeconds(10)).until(() -> cli(pod.redisPort(), "PING").equals("PONG"));
        assertThat(role(pod)).as("the role pod %d starts in", pod.ordinal()).isEqualTo("slave");
    }

    /** The variables of the operator's containers, with the loopback addresses of these processes. */
    private Map<String, String> environment(Pod pod) throws IOException {
        Path data = Files.createDirectories(dir.resolve("pod-" + pod.ordinal()));
        Map<String, String> env = new HashMap<>();
        env.put("REDIS_PASSWORD", PASSWORD);
        env.put("MY_HOST", "127.0.0.1");
        env.put("MASTER_NAME", RedisModel.MASTER_NAME);
        env.put("SENTINELS", pods.stream().map(each -> "127.0.0.1:" + each.sentinelPort()).collect(Collectors.joining(" ")));
        env.put("FIRST_MASTER", "127.0.0.1:" + pods.getFirst().redisPort());
        env.put("REDIS_PORT", String.valueOf(pod.redisPort()));
        env.put("SENTINEL_PORT", String.valueOf(pod.sentinelPort()));
        env.put("QUORUM", "2");
        // shorter than the operator's 5 s, so that the test waits less
        env.put("DOWN_AFTER_MILLISECONDS", "1000");
        env.put("DATA_DIR", data.toString());
        env.put("SENTINEL_DIR", data.toString());
        return env;
    }

    /** Starts a long-running role of a pod, killed by {@link #stop} or after the test. */
    private void start(Pod pod, List<String> command, String role) throws IOException {
        running.put(pod.ordinal() + "-" + role, run(pod, command, role));
    }

    private Process run(Pod pod, List<String> command, String role) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("pod-" + pod.ordinal() + "-" + role + ".log").toFile()));
        builder.environment().putAll(environment(pod));
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** SIGKILL, as a crash: the script execs redis-server, so the process is the server itself. */
    private void stop(Pod pod, String role) {
        Process process = running.remove(pod.ordinal() + "-" + role);
        process.destroyForcibly();
        process.onExit().join();
    }

    private int replicas(Pod pod) {
        String info = info(pod);
        return info.contains("role:master") ? Integer.parseInt(info.replaceAll("(?s).*connected_slaves:(\\d+).*", "$1")) : -1;
    }

    private boolean sentinelSees(Pod sentinel, Pod master, int replicas) {
        String state = cli(sentinel.sentinelPort(), "SENTINEL", "MASTER", RedisModel.MASTER_NAME);
        return state.contains("port\n" + master.redisPort() + "\n") && state.contains("num-slaves\n" + replicas + "\n")
                && state.contains("num-other-sentinels\n" + (PODS - 1) + "\n");
    }

    /** The pod whose server the Sentinel of {@code sentinel} names as the master. */
    private Pod masterNamedBy(Pod sentinel) {
        String[] reply = cli(sentinel.sentinelPort(), "SENTINEL", "GET-MASTER-ADDR-BY-NAME", RedisModel.MASTER_NAME).split("\n");
        return pods.stream().filter(pod -> String.valueOf(pod.redisPort()).equals(reply[reply.length - 1])).findFirst().orElse(null);
    }

    private String role(Pod pod) {
        return cli(pod.redisPort(), "ROLE").split("\n")[0];
    }

    private String info(Pod pod) {
        return cli(pod.redisPort(), "INFO", "replication");
    }

    /** redis-cli's answer (its plain output, one value a line), or "" when the server does not answer. */
    private static String cli(int port, String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(port), "--no-auth-warning", "-a", PASSWORD));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0 && !output.startsWith("Could not connect")
                    ? output.replace("\r", "") : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A free port below Linux's ephemeral range (32768 and up): the probes' connections to a server that is not
     * listening yet take their source ports from that range, and one given the very port it connects to connects
     * to itself (TCP simultaneous open) and holds the port, so the server's bind fails.
     */
    private static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20_000 + RANDOM.nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port in 20000-31999");
    }
}
