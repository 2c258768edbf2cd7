package io.wsfleet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.wsfleet.bench.client.LoadClient;
import io.wsfleet.bench.proc.MemoryCgroup;
import io.wsfleet.bench.proc.Servers;
import io.wsfleet.bench.report.PodReport;
import io.wsfleet.bench.report.Report;
import io.wsfleet.bench.scenario.FanOut;
import io.wsfleet.bench.scenario.IdleMemory;
import io.wsfleet.bench.scenario.LoadShape;
import io.wsfleet.bench.scenario.PodCapacity;
import io.wsfleet.bench.scenario.StepResult;
import org.junit.jupiter.api.Test;

/**
 * The harness end to end with tiny numbers, as CI runs it: every system started for real (gateway jar,
 * Socket.IO peer, redis-server), every message of every step delivered exactly once, the report and
 * its charts written; and, where a memory cgroup can be made, one gateway as the image runs it inside a
 * memory limit. It measures nothing worth reading; the full runs are {@code bench/run}.
 */
class HarnessSmokeIT {
    private static final Path ROOT = Path.of(System.getProperty("wsfleet.root", "..")).toAbsolutePath().normalize();
    /** Twenty connections settle at once: the full runs' 3 s per reading would be most of the smoke run. */
    private static final Duration IDLE_SETTLE = Duration.ofMillis(500);
    private static final LoadShape TINY = new LoadShape(40, 10, 100, Duration.ofSeconds(2), 400, 2, 2);

    @Test
    void everySystemDeliversEveryMessageOnceAndTheReportIsWritten() throws Exception {
        // Under target/, so that the servers' logs stay for a look when this fails.
        Path out = Files.createDirectories(ROOT.resolve("bench/target/smoke-" + System.currentTimeMillis()));
        Servers servers = new Servers(ROOT, Files.createDirectories(out.resolve("logs")), "256m", List.of());
        List<FanOut.Capacity> capacities = new ArrayList<>();
        List<IdleMemory.Result> idle = new ArrayList<>();
        try (LoadClient client = new LoadClient(1, 2)) {
            for (SystemKind system : SystemKind.values()) {
                capacities.add(FanOut.measure(system, 1, TINY, true, servers, client));
            }
            capacities.add(FanOut.measure(SystemKind.GATEWAY, 2, TINY, false, servers, client));
            idle.add(IdleMemory.measure(SystemKind.GATEWAY, 20, IDLE_SETTLE, servers, client));
            idle.add(IdleMemory.measure(SystemKind.SOCKETIO, 20, IDLE_SETTLE, servers, client));
        }

        for (FanOut.Capacity capacity : capacities) {
            // How many steps run depends on latency, which a busy machine may push over the budget: not asserted.
            assertThat(capacity.steps()).as(capacity.system() + " steps").isNotEmpty();
            for (StepResult step : capacity.steps()) {
                assertThat(step.expected()).isEqualTo(Math.round(step.offeredMessagesPerSecond() * 2) * 10);
                assertThat(step.delivered()).as(capacity.system() + " delivered").isEqualTo(step.expected());
                assertThat(step.duplicates()).isZero();
                assertThat(step.serverCpu().totalSeconds()).isPositive();
            }
        }
        for (IdleMemory.Result result : idle) {
            assertThat(result.points()).as(result.system() + " readings").hasSize(5);
            assertThat(result.points().getLast().connections()).isEqualTo(20);
            // after a full GC: the gateway's heap, Socket.IO's heapUsed + external, megabytes either way
            assertThat(result.points()).allSatisfy(point -> assertThat(point.liveBytes()).isGreaterThan(1 << 20));
        }

        Path report = new Report("smoke", "test", capacities, idle).write(out.resolve("report"));
        assertThat(Files.readString(report))
                .contains("Socket.IO 4 (sharded Redis adapter)", "raw Redis pub/sub", "Idle connections",
                        "Latency at half capacity", "idle memory a pod must budget per connection, gateway / Socket.IO");
        assertThat(out.resolve("report/capacity.png")).isNotEmptyFile();
        assertThat(out.resolve("report/latency.png")).isNotEmptyFile();
    }

    @Test
    void aGatewayRunsAsTheImageRunsItInsideAMemoryLimit() throws Exception {
        Optional<String> unavailable = MemoryCgroup.unavailable();
        unavailable.ifPresent(reason -> System.out.println("pod part of the smoke run skipped: " + reason));
        assumeTrue(unavailable.isEmpty(), () -> "no memory cgroup: " + unavailable.orElseThrow());
        Path out = Files.createDirectories(ROOT.resolve("bench/target/pod-smoke-" + System.currentTimeMillis()));
        Servers servers = new Servers(ROOT, Files.createDirectories(out.resolve("logs")), "256m", List.of());
        PodCapacity.Result result;
        try (LoadClient client = new LoadClient(1, 2)) {
            result = PodCapacity.run(new PodCapacity.Settings(512L << 20, 40, 2), servers, client,
                    ROOT.resolve("Dockerfile"));
        }

        assertThat(result.javaOptions()).contains("-XX:MaxRAMPercentage=75");
        // MaxRAMPercentage=75 of the 512 MiB the JVM saw, not of the machine's memory
        assertThat(result.jvm().maxHeapBytes()).isBetween(350L << 20, 400L << 20);
        assertThat(result.exit()).isEmpty();
        assertThat(result.readings()).extracting(PodCapacity.Reading::connections).containsExactly(0, 20, 40);
        assertThat(result.readings()).allSatisfy(reading -> {
            assertThat(reading.cgroup().usageBytes()).isPositive().isLessThan(512L << 20);
            assertThat(reading.heapAfterGcBytes()).isPositive();
        });
        assertThat(result.wholeRun().gcSeconds()).isPositive().isLessThan(result.wholeRun().totalSeconds());
        assertThat(result.cgroup()).as("removed once the gateway exited").doesNotExist();

        Path report = new PodReport("test", result).write(out.resolve("report"));
        assertThat(Files.readString(report)).contains("idle connections held | 40 of 40", "Extrapolated");
        assertThat(out.resolve("report/pod-memory.png")).isNotEmptyFile();
    }
}
