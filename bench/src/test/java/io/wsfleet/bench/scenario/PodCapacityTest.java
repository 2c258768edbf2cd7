package io.wsfleet.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.wsfleet.bench.proc.GcCpu;
import io.wsfleet.bench.proc.MemoryCgroup;
import org.junit.jupiter.api.Test;

class PodCapacityTest {
    private static final long MIB = 1 << 20;
    private static final long LIMIT = 1024 * MIB;

    @Test
    void extrapolatesTheLimitOverTheGrowthOfTheCgroupsUsage() {
        // 200 MiB with no connection, then 20 KiB a connection (and a little noise): (1024 - 200) MiB / 20 KiB
        PodCapacity.Result result = result(List.of(reading(0, 200 * MIB), reading(10_000, 200 * MIB + 10_000 * 20 * 1024 + 4096),
                reading(20_000, 200 * MIB + 20_000 * 20 * 1024 - 4096), reading(30_000, 200 * MIB + 30_000 * 20 * 1024)));

        assertThat(result.usagePerConnection()).isCloseTo(20 * 1024, within(1.0));
        assertThat(result.extrapolatedConnections()).isCloseTo(824.0 * 1024 / 20, within(5.0));
        assertThat(result.connectionsHeld()).isEqualTo(30_000);
    }

    @Test
    void theLastBatchIsTheDifferenceOfTheLastTwoReadings() {
        PodCapacity.Result result = result(List.of(reading(0, 0, new GcCpu(0.5, 10)), reading(100, 0, new GcCpu(1.0, 20)),
                reading(200, 0, new GcCpu(1.2, 30))));

        assertThat(result.wholeRun().share()).isCloseTo(0.04, within(1e-9));
        assertThat(result.lastBatch().share()).isCloseTo(0.02, within(1e-9));
    }

    @Test
    void plansAsManyConnectionsAsBothProcessesHaveFilesFor() {
        assertThat(new PodCapacity.FileRoom(19_950, 19_900).fitting(19_000)).isEqualTo(19_000);
        assertThat(new PodCapacity.FileRoom(19_950, 18_900).fitting(19_000)).isEqualTo(18_800);
        assertThat(new PodCapacity.FileRoom(50, 19_900).fitting(19_000)).isZero();
    }

    private static PodCapacity.Result result(List<PodCapacity.Reading> readings) {
        return new PodCapacity.Result(new PodCapacity.Settings(LIMIT, 30_000, 3), Path.of("/none"), LIMIT, List.of(),
                new JvmFlags(768 * MIB, 16 * MIB, "Serial"), new PodCapacity.FileRoom(20_000, 20_000), 30_000, readings,
                readings.getLast().cgroup(), Optional.empty());
    }

    private static PodCapacity.Reading reading(int connections, long usage) {
        return reading(connections, usage, GcCpu.NONE);
    }

    private static PodCapacity.Reading reading(int connections, long usage, GcCpu cpu) {
        return new PodCapacity.Reading(connections, new MemoryCgroup.Usage(usage, usage, 0), usage / 2, usage / 4, cpu);
    }
}
