package io.wsfleet.gateway.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real three-master Redis Cluster (no replicas) for tests: three {@code redis-server} processes on
 * random loopback ports, joined by {@code redis-cli --cluster create}, the 16384 slots split between
 * them. Needs Redis 7 or newer.
 */
public final class RedisCluster implements AutoCloseable {
    private static final int MASTERS = 3;

    private final List<RedisProcess> nodes;

    private RedisCluster(List<RedisProcess> nodes) {
        this.nodes = nodes;
    }

    /** Starts the nodes, creates the cluster and waits until every node reports {@code cluster_state:ok}. */
    public static RedisCluster start() {
        String cli = RedisProcess.executable("redis-cli");
        List<RedisProcess> nodes = new ArrayList<>();
        RedisCluster cluster = new RedisCluster(nodes);
        try {
            for (int i = 0; i < MASTERS; i++) {
                nodes.add(RedisProcess.start("redis-cluster-", (dir, port) -> List.of(
                        "--cluster-enabled", "yes",
                        "--cluster-config-file", dir.resolve("nodes-" + port + ".conf").toString(),
                        "--cluster-node-timeout", "5000",
                        // The bus defaults to port + 10000, which may be taken or above 65535: pick a free one.
                        "--cluster-port", String.valueOf(RedisProcess.freePort()))));
            }
            cluster.create(cli);
            await("cluster_state:ok on every node").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> nodes.stream().allMatch(node -> node.command("CLUSTER", "INFO")
                            .contains("cluster_state:ok")));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public List<Integer> ports() {
        return nodes.stream().map(RedisProcess::port).toList();
    }

    /**
     * The URL for the gateway's {@code REDIS_URL}: every node as a seed, comma-separated after one
     * scheme, as in {@code redis://127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3}.
     */
    public String uri() {
        return nodes.stream().map(node -> "127.0.0.1:" + node.port()).collect(Collectors.joining(",", "redis://", ""));
    }

    /** Sends one command to the node on {@code port} and returns its raw RESP reply (no redirects followed). */
    public String command(int port, String... args) {
        return nodes.stream().filter(node -> node.port() == port).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cluster node on port " + port))
                .command(args);
    }

    /**
     * Crashes the master on {@code port} (SIGKILL) and starts it again on the same port with its node
     * file, so that it rejoins the cluster with its slots but without its data and subscriptions.
     */
    public void restartNode(int port) {
        RedisProcess node = nodes.stream().filter(candidate -> candidate.port() == port).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cluster node on port " + port));
        node.restart();
        await("cluster_state:ok after the restart").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> nodes.stream().allMatch(each -> each.command("CLUSTER", "INFO")
                        .contains("cluster_state:ok")));
    }

    /** Kills every node and deletes their directories. */
    @Override
    public void close() {
        nodes.forEach(RedisProcess::close);
    }

    /** Runs {@code redis-cli --cluster create}, its output going to a file beside the first node's log. */
    private void create(String cli) {
        List<String> command = new ArrayList<>(List.of(cli, "--cluster", "create"));
        nodes.forEach(node -> command.add("127.0.0.1:" + node.port()));
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Path output = nodes.get(0).dir().resolve("cluster-create.log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("redis-cli --cluster create took over 30 s:\n" + Files.readString(output));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed:\n" + Files.readString(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the Redis cluster", e);
        }
    }
}
