package io.wsfleet.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.wsfleet.bench.Pause;
import io.wsfleet.bench.SystemKind;
import io.wsfleet.bench.client.LoadClient;
import io.wsfleet.bench.measure.DeliveryRecorder;
import io.wsfleet.bench.proc.Servers;

/**
 * What keeping history costs the gateway: the same fixed offered load on a gateway that keeps every
 * room's messages (the default, {@code HISTORY_SIZE=1000}) and on one that keeps none
 * ({@code HISTORY_SIZE=0}), several runs each, alternating, so that a machine that drifts during the
 * run weighs on both alike. Each run is a fresh deployment (gateway and Redis), a warm-up, then one
 * measured step.
 */
public final class HistoryCost {
    /** The retention measured against none: the gateway's default. */
    static final Map<String, String> KEPT = Map.of("HISTORY_SIZE", "1000", "HISTORY_TTL_SECONDS", "300");
    static final Map<String, String> NOT_KEPT = Map.of("HISTORY_SIZE", "0");

    /** The runs of one load shape at one offered rate, with history kept and without. */
    public record Result(LoadShape shape, double deliveriesPerSecond, List<StepResult> kept, List<StepResult> notKept) {
    }

    private HistoryCost() {
    }

    public static Result measure(LoadShape shape, double deliveriesPerSecond, int runs, Servers servers, LoadClient client) {
        List<StepResult> kept = new ArrayList<>();
        List<StepResult> notKept = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            boolean keptFirst = run % 2 == 0;
            for (boolean keep : keptFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                StepResult step = once(shape, deliveriesPerSecond, keep ? KEPT : NOT_KEPT, servers, client);
                System.out.printf("  history %-4s rooms of %-4d %,9.0f deliveries/s: delivered %,d of %,d (dup %d),"
                                + " p99 %.1f ms, %,.0f frames/CPU-s, %d GC pauses %.0f ms%n", keep ? "kept" : "off",
                        shape.roomSize(), deliveriesPerSecond, step.delivered(), step.expected(), step.duplicates(),
                        step.p99(), step.efficiency(), step.gatewayPauses().count(), step.gatewayPauses().seconds() * 1000);
                (keep ? kept : notKept).add(step);
            }
        }
        return new Result(shape, deliveriesPerSecond, kept, notKept);
    }

    private static StepResult once(LoadShape shape, double deliveriesPerSecond, Map<String, String> settings,
                                   Servers servers, LoadClient client) {
        DeliveryRecorder recorder = new DeliveryRecorder(shape.connections());
        try (Deployment deployment = Deployment.start(SystemKind.GATEWAY, 1, servers, settings);
             RoomLoad load = RoomLoad.connect(deployment, client, recorder, shape.connections(), shape.roomSize())) {
            StepRunner runner = new StepRunner(deployment, load, recorder, shape.messageBytes());
            runner.run(deliveriesPerSecond / 2, Duration.ofSeconds(5)); // warm-up: JIT, connections, Redis
            Pause.of(Duration.ofSeconds(1));
            return runner.run(deliveriesPerSecond, shape.step());
        }
    }
}
