package io.wsfleet.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.wsfleet.bench.SystemKind;
import io.wsfleet.bench.proc.ProcessSample;
import io.wsfleet.bench.scenario.FixedLoad;
import io.wsfleet.bench.scenario.GcPauses;
import io.wsfleet.bench.scenario.HistoryCost;
import io.wsfleet.bench.scenario.LoadShape;
import io.wsfleet.bench.scenario.StepResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCostReportTest {
    private static final LoadShape SHAPE = new LoadShape(1000, 100, 100, Duration.ofSeconds(10), 20_000, 1.5, 1);

    @Test
    void reportsTheRatioOfMediansAndWhetherItIsWithinTheBudget(@TempDir Path folder) throws Exception {
        // Kept: 90k, 100k, 110k frames/CPU-s (median 100k); not kept: 120k, 125k, 130k (median 125k) -> 0.80.
        FixedLoad.Result result = new FixedLoad.Result(SHAPE, 20_000, Map.of(
                HistoryCost.KEPT, List.of(step(90_000, 2.0), step(100_000, 2.2), step(110_000, 2.4)),
                HistoryCost.NOT_KEPT, List.of(step(130_000, 2.0), step(120_000, 2.0), step(125_000, 2.0))));

        Path report = new HistoryCostReport("test", List.of(result)).write(folder);

        String text = Files.readString(report);
        assertThat(text).contains("| 1,000 connections in rooms of 100, 20,000 deliveries/s, 3 runs each | 0.80 | 1.10 | **no** |");
        assertThat(text).contains("| kept | 100,000 (90,000 - 110,000) | 2.2 (2.0 - 2.4) |");
        assertThat(text).contains("| 2 (2 - 2) | 22 (20 - 24) |");
        assertThat(folder.resolve("history-efficiency.png")).isNotEmptyFile();
        assertThat(folder.resolve("history-p99.png")).isNotEmptyFile();
    }

    /** A step of 200,000 frames that cost the servers {@code 200,000 / efficiency} CPU-seconds. */
    private static StepResult step(double efficiency, double p99) {
        double cpu = 200_000 / efficiency;
        return new StepResult(SystemKind.GATEWAY, 100, 1000, 200, 200_000, 200_000, 0, 0, 10, 1, p99, p99, p99,
                new ProcessSample.Cpu(cpu / 2, cpu / 2), new ProcessSample.Cpu(1, 1), new GcPauses(2, p99 / 100));
    }
}
