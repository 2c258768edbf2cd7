package io.wsfleet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.wsfleet.bench.client.LoadClient;
import io.wsfleet.bench.proc.Servers;
import io.wsfleet.bench.report.Report;
import io.wsfleet.bench.scenario.FanOut;
import io.wsfleet.bench.scenario.IdleMemory;
import io.wsfleet.bench.scenario.LoadShape;
import io.wsfleet.bench.scenario.StepResult;
import org.junit.jupiter.api.Test;

/**
 * The harness end to end with tiny numbers, as CI runs it: every system started for real (gateway jar,
 * Socket.IO peer, redis-server), every message of every step delivered exactly once, the report and
 * its charts written. It measures nothing worth reading; the full runs are {@code bench/run}.
 */
class HarnessSmokeIT {
    private static final Path ROOT = Path.of(System.getProperty("wsfleet.root", "..")).toAbsolutePath().normalize();
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
            idle.add(IdleMemory.measure(SystemKind.GATEWAY, 20, servers, client));
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
        assertThat(idle.getFirst().points()).hasSize(5);
        assertThat(idle.getFirst().points().getLast().connections()).isEqualTo(20);
        assertThat(idle.getFirst().heapPerConnection()).isPresent();

        Path report = new Report("smoke", "test", capacities, idle).write(out.resolve("report"));
        assertThat(Files.readString(report))
                .contains("Socket.IO 4 (sharded Redis adapter)", "raw Redis pub/sub", "Idle connections",
                        "Latency at half capacity");
        assertThat(out.resolve("report/capacity.png")).isNotEmptyFile();
        assertThat(out.resolve("report/latency.png")).isNotEmptyFile();
    }
}
