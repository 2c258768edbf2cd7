package io.wsfleet.gateway.support;

import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real replicated Redis watched by Sentinels, for tests: a master and one replica ({@code redis-server
 * --replicaof}) and three Sentinels ({@code redis-server --sentinel}, quorum two), all on random loopback
 * ports. A Sentinel considers the master down after {@link #DOWN_AFTER}, so that a failover takes seconds.
 */
public final class RedisSentinels implements AutoCloseable {
    public static final String MASTER_NAME = "mymaster";
    public static final Duration DOWN_AFTER = Duration.ofSeconds(1);
    private static final int SENTINELS = 3;

    private final List<RedisProcess> servers = new ArrayList<>();
    private final List<RedisProcess> sentinels = new ArrayList<>();

    private RedisSentinels() {
    }

    /** Starts the servers and the Sentinels; returns once every Sentinel knows the replica and the other two. */
    public static RedisSentinels start() {
        RedisSentinels redis = new RedisSentinels();
        try {
            // DEBUG SLEEP makes a master hang, as one behind a partition
            RedisProcess master = RedisProcess.start("redis-ha-", (dir, port) -> List.of("--enable-debug-command", "yes"));
            redis.servers.add(master);
            RedisProcess replica = RedisProcess.start("redis-ha-", (dir, port) -> List.of("--enable-debug-command", "yes",
                    "--replicaof", "127.0.0.1", String.valueOf(master.port())));
            redis.servers.add(replica);
            await("the replica's link to the master").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> replica.command("INFO", "replication").contains("master_link_status:up"));
            for (int i = 0; i < SENTINELS; i++) {
                redis.sentinels.add(RedisProcess.startSentinel("redis-ha-", port -> String.join("\n",
                        "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " 2",
                        "sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER.toMillis(),
                        "sentinel failover-timeout " + MASTER_NAME + " 10000",
                        "sentinel parallel-syncs " + MASTER_NAME + " 1", "")));
            }
            await("every Sentinel knows the replica and the other Sentinels").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> redis.sentinels.stream().allMatch(sentinel -> {
                        String state = sentinel.command("SENTINEL", "MASTER", MASTER_NAME);
                        return field(state, "num-slaves").equals("1") && field(state, "num-other-sentinels").equals("2");
                    }));
            return redis;
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    /** The URL for the gateway's {@code REDIS_URL}: every Sentinel, and the master's name. */
    public String uri() {
        return sentinels.stream().map(sentinel -> "127.0.0.1:" + sentinel.port())
                .collect(Collectors.joining(",", "redis-sentinel://", "#" + MASTER_NAME));
    }

    /** The port of the master, as the first Sentinel that answers names it. */
    public int masterPort() {
        for (RedisProcess sentinel : sentinels) {
            if (sentinel.running()) {
                String[] reply = sentinel.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME).split("\r\n");
                return Integer.parseInt(reply[reply.length - 1]);
            }
        }
        throw new IllegalStateException("no Sentinel runs");
    }

    /** The port of the server that is not the master now. */
    public int replicaPort() {
        int master = masterPort();
        return servers.stream().mapToInt(RedisProcess::port).filter(port -> port != master).findFirst().orElseThrow();
    }

    /** SIGKILL of the current master, as a crashed node: the Sentinels promote the replica. */
    public void killMaster() {
        int master = masterPort();
        servers.stream().filter(server -> server.port() == master).findFirst().orElseThrow().kill();
    }

    /**
     * Makes the master hang for {@code seconds} (DEBUG SLEEP): its connections stay open and nothing answers,
     * as with a master behind a network partition. Returns at once.
     */
    public void hangMaster(int seconds) {
        int master = masterPort();
        Thread.ofVirtual().start(() -> {
            try {
                command(master, "DEBUG", "SLEEP", String.valueOf(seconds));
            } catch (UncheckedIOException expected) {
                // the reply comes after the sleep, long after the command's read timeout
            }
        });
    }

    /** A planned failover ({@code SENTINEL FAILOVER}), as before a drain: the master hands over to the replica. */
    public void failover() {
        String reply = sentinels.getFirst().command("SENTINEL", "FAILOVER", MASTER_NAME);
        if (!reply.startsWith("+OK")) {
            throw new IllegalStateException("SENTINEL FAILOVER answered " + reply.strip());
        }
    }

    /** Sends one command to the server on {@code port} and returns its raw RESP reply. */
    public String command(int port, String... args) {
        return servers.stream().filter(server -> server.port() == port).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Redis server on port " + port))
                .command(args);
    }

    /** Kills every process and deletes their directories. */
    @Override
    public void close() {
        Stream.concat(sentinels.stream(), servers.stream()).forEach(RedisProcess::close);
    }

    /** A field of a RESP array of alternating names and values, such as SENTINEL MASTER's reply. */
    private static String field(String reply, String name) {
        List<String> lines = List.of(reply.split("\r\n"));
        for (int i = 0; i + 2 < lines.size(); i++) {
            if (lines.get(i).equals(name)) {
                return lines.get(i + 2);
            }
        }
        return "";
    }
}
