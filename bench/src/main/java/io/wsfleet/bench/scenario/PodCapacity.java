package io.wsfleet.bench.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.wsfleet.bench.Pause;
import io.wsfleet.bench.Tokens;
import io.wsfleet.bench.client.Endpoint;
import io.wsfleet.bench.client.LoadClient;
import io.wsfleet.bench.client.WsfleetWire;
import io.wsfleet.bench.proc.GcCpu;
import io.wsfleet.bench.proc.ImageEntrypoint;
import io.wsfleet.bench.proc.MemoryCgroup;
import io.wsfleet.bench.proc.ProcessResources;
import io.wsfleet.bench.proc.ServerProcess;
import io.wsfleet.bench.proc.Servers;

/**
 * One gateway as the image runs it (the Dockerfile's JVM options, no heap settings of the harness's) inside
 * a real memory limit, as in a pod: idle authenticated connections are added in batches until the asked
 * number, and after each the cgroup's memory, the gateway's RSS and heap after a full GC and the CPU its
 * collector took are read. The gateway running out of memory is a result, not a failure of the run.
 */
public final class PodCapacity {
    private static final Duration SETTLE = Duration.ofSeconds(3);
    /** Files the harness and the gateway hold besides one per connection: jars, epoll, Redis, logs, jcmd's socket. */
    private static final int SPARE_FILES = 100;

    /** The pod's memory limit, and how many idle connections to open in how many batches. */
    public record Settings(long memoryLimitBytes, int connections, int batches) {
    }

    /**
     * One reading, with the gateway's collector and total CPU since it started, less what the harness's own
     * full collections (for the heap after GC) cost it.
     */
    public record Reading(int connections, MemoryCgroup.Usage cgroup, long rssBytes, long heapAfterGcBytes, GcCpu cpu) {
    }

    /** Files the harness and the gateway could still open when the run began: each connection takes one of each. */
    public record FileRoom(long harness, long gateway) {

        int fitting(int asked) {
            return (int) Math.max(0, Math.min(asked, Math.min(harness, gateway) - SPARE_FILES));
        }
    }

    /** How the gateway ended before the run did. */
    public record Exit(int status, long oomKills) {

        public String cause() {
            if (oomKills > 0) {
                return "killed by the kernel at the cgroup's limit (OOM kill, exit status " + status + ")";
            }
            // HotSpot ends with status 3 under -XX:+ExitOnOutOfMemoryError
            return status == 3 ? "ended itself on an OutOfMemoryError (-XX:+ExitOnOutOfMemoryError, exit status 3)"
                    : "exited with status " + status;
        }
    }

    /**
     * @param cgroup where the gateway ran (removed at the end)
     * @param limitBytes the limit as the kernel set it
     * @param javaOptions the image's JVM options the gateway ran with
     * @param planned the connections the run set out to open: those asked, or fewer if the open-file limits said so
     * @param end the cgroup's figures when the run ended (its peak among them)
     */
    public record Result(Settings settings, Path cgroup, long limitBytes, List<String> javaOptions, JvmFlags jvm,
                         FileRoom files, int planned, List<Reading> readings, MemoryCgroup.Usage end, Optional<Exit> exit) {

        public int connectionsHeld() {
            return readings.getLast().connections();
        }

        public boolean jvmSawTheLimit() {
            return jvm.maxHeapBytes() <= limitBytes;
        }

        public double usagePerConnection() {
            return LeastSquares.slope(readings, Reading::connections, reading -> reading.cgroup().usageBytes());
        }

        public double heapPerConnection() {
            return LeastSquares.slope(readings, Reading::connections, Reading::heapAfterGcBytes);
        }

        public double rssPerConnection() {
            return LeastSquares.slope(readings, Reading::connections, Reading::rssBytes);
        }

        /** Idle connections the limit would hold if the cgroup's usage kept growing as it did in this run. */
        public double extrapolatedConnections() {
            return (limitBytes - readings.getFirst().cgroup().usageBytes()) / usagePerConnection();
        }

        /** The collector's CPU against the gateway's, since it started. */
        public GcCpu wholeRun() {
            return readings.getLast().cpu();
        }

        /** The collector's CPU against the gateway's, while the last batch connected and settled. */
        public GcCpu lastBatch() {
            return readings.size() < 2 ? wholeRun() : wholeRun().minus(readings.get(readings.size() - 2).cpu());
        }
    }

    private final LoadClient client;
    private final MemoryCgroup cgroup;
    private final ServerProcess gateway;
    /** CPU of the full collections the harness asked for, kept out of the gateway's own figures. */
    private GcCpu forced = GcCpu.NONE;

    private PodCapacity(LoadClient client, MemoryCgroup cgroup, ServerProcess gateway) {
        this.client = client;
        this.cgroup = cgroup;
        this.gateway = gateway;
    }

    public static Result run(Settings settings, Servers servers, LoadClient client, Path dockerfile) {
        List<String> javaOptions = ImageEntrypoint.javaOptions(dockerfile);
        // closed in reverse: the gateway has exited before its cgroup is removed
        try (MemoryCgroup cgroup = MemoryCgroup.create("wsfleet-pod", settings.memoryLimitBytes());
             ServerProcess redis = servers.redis("pod-redis");
             ServerProcess gateway = servers.gateway("pod-gateway", redis.port(), cgroup.launcher(), javaOptions,
                     Map.of())) {
            return new PodCapacity(client, cgroup, gateway).run(settings, javaOptions);
        }
    }

    private Result run(Settings settings, List<String> javaOptions) {
        JvmFlags jvm = JvmFlags.of(gateway.pid());
        long limit = cgroup.limitBytes();
        long self = ProcessHandle.current().pid();
        FileRoom files = new FileRoom(ProcessResources.openFileLimit(self) - ProcessResources.of(self).openFiles(),
                ProcessResources.openFileLimit(gateway.pid()) - ProcessResources.of(gateway.pid()).openFiles());
        int planned = files.fitting(settings.connections());
        System.out.printf("  pod: limit %,d MiB in %s; the JVM chose a max heap of %,d MiB (initial %,d MiB), the %s "
                        + "collector; %,d connections of %,d asked fit in the open-file limits%n", limit >> 20,
                cgroup.directory(), jvm.maxHeapBytes() >> 20, jvm.initialHeapBytes() >> 20, jvm.collector(), planned,
                settings.connections());
        List<Reading> readings = new ArrayList<>();
        readings.add(read(0));
        int batch = Math.max(1, (planned + settings.batches() - 1) / settings.batches());
        List<Endpoint> open = new ArrayList<>();
        try {
            while (open.size() < planned) {
                int offset = open.size();
                open.addAll(RoomLoad.open(Math.min(batch, planned - offset), i -> client.webSocket(gateway.port(),
                        new WsfleetWire(), offset + i, Tokens.forUser("pod" + (offset + i)), (connection, text) -> { })));
                readings.add(read(open.size()));
            }
        } catch (RuntimeException e) {
            // the connections fail as the gateway dies: give its end a moment to be seen
            if (gateway.exitStatus(Duration.ofSeconds(5)).isEmpty()) {
                throw e;
            }
            System.out.println("  pod: the gateway ended after " + readings.getLast().connections() + " connections: "
                    + e.getMessage());
        } finally {
            open.forEach(Endpoint::close);
        }
        Optional<Exit> exit = gateway.exitStatus(Duration.ZERO).map(status -> new Exit(status, cgroup.oomKills()));
        return new Result(settings, cgroup.directory(), limit, javaOptions, jvm, files, planned, List.copyOf(readings),
                cgroup.usage(), exit);
    }

    /** Memory as the pod is (before the harness's collection), then the heap after a full GC. */
    private Reading read(int connections) {
        Pause.of(SETTLE);
        MemoryCgroup.Usage usage = cgroup.usage();
        long rss = gateway.sample().rssBytes();
        GcCpu beforeCollection = GcCpu.of(gateway.pid());
        long heap = JvmHeap.usedAfterGc(gateway.pid());
        GcCpu own = beforeCollection.minus(forced);
        forced = forced.plus(GcCpu.of(gateway.pid()).minus(beforeCollection));
        Reading reading = new Reading(connections, usage, rss, heap, own);
        System.out.printf("  pod %,6d connections: cgroup %,d MiB (peak %,d, limit hit %,d times), RSS %,d MiB, "
                        + "heap after GC %,d MiB, GC %.1f%% of %.1f CPU-s%n", connections, usage.usageBytes() >> 20,
                usage.maxUsageBytes() >> 20, usage.failCount(), rss >> 20, heap >> 20, own.share() * 100,
                own.totalSeconds());
        return reading;
    }
}
