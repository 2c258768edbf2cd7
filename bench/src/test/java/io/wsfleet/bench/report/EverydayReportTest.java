package io.wsfleet.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.wsfleet.bench.SystemKind;
import io.wsfleet.bench.proc.ProcessSample;
import io.wsfleet.bench.scenario.FixedLoad;
import io.wsfleet.bench.scenario.GcPauses;
import io.wsfleet.bench.scenario.LoadShape;
import io.wsfleet.bench.scenario.StepResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EverydayReportTest {
    private static final LoadShape SHAPE = new LoadShape(1000, 100, 100, Duration.ofSeconds(10), 20_000, 1.5, 1);

    @Test
    void reportsCpuPerFrameWithItsSpreadAndTheGatewaysRatiosOfMedians(@TempDir Path folder) throws Exception {
        Map<String, List<StepResult>> runs = new LinkedHashMap<>();
        // 200,000 frames a run: 2 + 3 CPU-seconds is 10 + 15 us per frame, 40,000 frames per CPU-second.
        runs.put(SystemKind.GATEWAY.label(), List.of(step(SystemKind.GATEWAY, 2, 3), step(SystemKind.GATEWAY, 1.5, 2.5),
                step(SystemKind.GATEWAY, 3, 3)));
        runs.put(SystemKind.SOCKETIO.label(), List.of(step(SystemKind.SOCKETIO, 4, 4), step(SystemKind.SOCKETIO, 3, 4),
                step(SystemKind.SOCKETIO, 4, 5)));
        runs.put(SystemKind.REDIS.label(), List.of(step(SystemKind.REDIS, 1, 1.5), step(SystemKind.REDIS, 1, 1),
                step(SystemKind.REDIS, 1, 2)));

        Path report = new EverydayReport("test", new FixedLoad.Result(SHAPE, 20_000, runs)).write(folder);

        String text = Files.readString(report);
        assertThat(text).contains("## 1,000 connections in rooms of 100, 20,000 deliveries/s (200 messages/s of 100 bytes), 10 s steps");
        assertThat(text).contains("| wsfleet gateway (Redis broker) | 40,000 (33,333 - 50,000) | 10.0 (7.5 - 15.0)"
                + " | 15.0 (12.5 - 15.0) | 3.0 (3.0 - 3.0) | 2.0 (2.0 - 2.0) | 0 | 0 |");
        // medians 40,000 / 25,000 and 40,000 / 80,000
        assertThat(text).contains("| Socket.IO 4 (sharded Redis adapter) | 1.60 | >= 2.0 | **no** |");
        assertThat(text).contains("| raw Redis pub/sub | 0.50 | none | - |");
        assertThat(folder.resolve("everyday-cpu-per-frame.png")).isNotEmptyFile();
    }

    private static StepResult step(SystemKind system, double userSeconds, double systemSeconds) {
        return new StepResult(system, 100, 1000, 200, 200_000, 200_000, 0, 0, 10, 1, 3, 4, 5,
                new ProcessSample.Cpu(userSeconds, systemSeconds), new ProcessSample.Cpu(1, 1), GcPauses.NONE);
    }
}
