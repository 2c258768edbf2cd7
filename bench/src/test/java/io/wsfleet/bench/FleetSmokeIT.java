package io.wsfleet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

import io.wsfleet.bench.client.LoadClient;
import io.wsfleet.bench.fleet.FleetResult;
import io.wsfleet.bench.fleet.FleetSample;
import io.wsfleet.bench.fleet.FleetSettings;
import io.wsfleet.bench.fleet.FleetSimulation;
import io.wsfleet.bench.fleet.Phase;
import io.wsfleet.bench.fleet.PhaseResult;
import io.wsfleet.bench.proc.Servers;
import io.wsfleet.bench.report.FleetReport;
import org.junit.jupiter.api.Test;

/**
 * The fleet simulation end to end with tiny numbers, as CI runs it: real gateway processes behind a real
 * HAProxy on a real Redis, 60 recovering clients, every scenario. It asserts what the clients and the
 * fleet did (nothing lost or repeated, reconnects happened, connections moved to the gateways that took
 * over), not how fast: the full run is {@code bench/run fleet}.
 */
class FleetSmokeIT {
    private static final Path ROOT = Path.of(System.getProperty("wsfleet.root", "..")).toAbsolutePath().normalize();
    private static final int CLIENTS = 60;
    /** Short drains and a rebalancing round every second (a quarter of the 4 s lease), so that it takes minutes, not ten. */
    private static final FleetSettings TINY = new FleetSettings(3, CLIENTS, 10, 12, 100, Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofSeconds(4), 10, 20, Duration.ofSeconds(30), Duration.ofSeconds(3),
            Duration.ofSeconds(3));

    @Test
    void everyScenarioMovesTheClientsAndLosesOrRepeatsNothing() throws Exception {
        // Under target/, so that the servers' logs stay for a look when this fails.
        Path out = Files.createDirectories(ROOT.resolve("bench/target/fleet-smoke-" + System.currentTimeMillis()));
        Servers servers = new Servers(ROOT, Files.createDirectories(out.resolve("logs")), "256m", List.of());
        FleetResult result;
        try (LoadClient client = new LoadClient(1, 2)) {
            result = FleetSimulation.run(TINY, servers, client, out);
        }

        assertThat(result.phases()).extracting(PhaseResult::phase).containsExactly(Phase.WARM_UP, Phase.STEADY, Phase.ROLLING_RESTART,
                Phase.SCALE_DOWN, Phase.SCALE_UP, Phase.SIGKILL);
        for (PhaseResult phase : result.phases()) {
            assertThat(phase.confirmed()).as(phase.phase() + " messages").isPositive();
            assertThat(phase.lost()).as(phase.phase() + " lost").isZero();
            assertThat(phase.duplicates()).as(phase.phase() + " duplicated").isZero();
        }
        assertThat(result.notRecoveredJoins()).as("joins answered recovered: false").isZero();
        assertThat(result.clientsGaveUp()).isZero();

        // All three gateways a client could be on were replaced: each client moved at least once, onto the new ones.
        assertThat(result.phase(Phase.ROLLING_RESTART).orElseThrow().reconnects()).isGreaterThanOrEqualTo(CLIENTS);
        FleetSample afterRoll = last(result, Phase.ROLLING_RESTART);
        assertThat(afterRoll.connections()).containsOnlyKeys("gateway 4", "gateway 5", "gateway 6");
        // The newest was scaled down: its clients are on the two others.
        assertThat(last(result, Phase.SCALE_DOWN).connections()).containsOnlyKeys("gateway 4", "gateway 5");
        // Rebalancing filled the two gateways added by the scale-up.
        FleetSample afterScaleUp = last(result, Phase.SCALE_UP);
        assertThat(afterScaleUp.connections()).containsOnlyKeys("gateway 4", "gateway 5", "gateway 7", "gateway 8");
        assertThat(afterScaleUp.connections().get("gateway 7")).isPositive();
        assertThat(afterScaleUp.connections().get("gateway 8")).isPositive();
        // ... until every gateway was within 15 % of the mean (a new one left short is filled too), within the budget.
        OptionalDouble secondsToEven = result.phase(Phase.SCALE_UP).orElseThrow().secondsToEven();
        assertThat(secondsToEven).as("a scale-up that evened out").isPresent();
        assertThat(secondsToEven.getAsDouble()).isLessThanOrEqualTo(TINY.rebalanceBudget().toSeconds());
        // The killed gateway's clients came back on the others.
        assertThat(result.phase(Phase.SIGKILL).orElseThrow().reconnects()).isPositive();
        assertThat(result.samples().getLast().connections()).doesNotContainKey("gateway 4");

        Path report = new FleetReport("test", result).write(out.resolve("report"));
        assertThat(Files.readString(report)).contains("rolling restart", "scale-up 2 -> 4", "SIGKILL");
        for (String chart : List.of("connections", "reconnects", "deliveries", "p99", "load")) {
            assertThat(out.resolve("report/" + chart + ".png")).isNotEmptyFile();
        }
        assertThat(out.resolve("report/samples.csv")).isNotEmptyFile();
    }

    private static FleetSample last(FleetResult result, Phase phase) {
        return result.samples().stream().filter(sample -> sample.phase() == phase).reduce((a, b) -> b).orElseThrow();
    }
}
