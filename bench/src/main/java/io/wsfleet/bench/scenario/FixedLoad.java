package io.wsfleet.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.wsfleet.bench.Pause;
import io.wsfleet.bench.SystemKind;
import io.wsfleet.bench.client.LoadClient;
import io.wsfleet.bench.measure.DeliveryRecorder;
import io.wsfleet.bench.proc.Servers;

/**
 * Several variants (a system, or the gateway with other settings) under the same fixed offered load,
 * several runs each. Within a run every variant goes once, and the order turns by one each run, so that
 * a machine that drifts during the run weighs on all alike. Each go is a fresh deployment (servers and
 * their Redis), a warm-up at the offered rate, then one measured step. The warm-up is long because the
 * gateway's JIT compiler is still busy for tens of seconds under load: after a 5-second warm-up it took
 * 44 % of the gateway's CPU in the measured step, after 30 seconds a quarter.
 */
public final class FixedLoad {

    /** What is measured: a label for the report, the system, and the gateway's settings (environment). */
    public record Variant(String label, SystemKind system, Map<String, String> gatewaySettings) {
        public Variant {
            gatewaySettings = Map.copyOf(gatewaySettings);
        }
    }

    /** How each variant is measured: the offered load, how many runs, and how long each warms up first. */
    public record Plan(double deliveriesPerSecond, int runs, Duration warmUp) {
    }

    /** Every variant's runs of one load shape at one offered rate, by label in the variants' order. */
    public record Result(LoadShape shape, double deliveriesPerSecond, Map<String, List<StepResult>> runs) {

        public List<StepResult> of(String label) {
            return runs.get(label);
        }

        public int runCount() {
            return runs.values().iterator().next().size();
        }
    }

    private FixedLoad() {
    }

    public static Result measure(LoadShape shape, Plan plan, List<Variant> variants, Servers servers, LoadClient client) {
        double deliveriesPerSecond = plan.deliveriesPerSecond();
        Map<String, List<StepResult>> results = new LinkedHashMap<>();
        variants.forEach(variant -> results.put(variant.label(), new ArrayList<>()));
        for (int run = 0; run < plan.runs(); run++) {
            for (int i = 0; i < variants.size(); i++) {
                Variant variant = variants.get((run + i) % variants.size());
                StepResult step = once(variant, shape, plan, servers, client);
                System.out.printf("  %-16s rooms of %-4d %,9.0f deliveries/s: delivered %,d of %,d (dup %d), p99 %.1f ms,"
                                + " %.1f + %.1f us per frame, %,.0f frames/CPU-s, %d GC pauses %.0f ms%n", variant.label(),
                        shape.roomSize(), deliveriesPerSecond, step.delivered(), step.expected(), step.duplicates(),
                        step.p99(), step.userMicrosPerFrame(), step.systemMicrosPerFrame(), step.efficiency(),
                        step.gatewayPauses().count(), step.gatewayPauses().seconds() * 1000);
                results.get(variant.label()).add(step);
            }
        }
        return new Result(shape, deliveriesPerSecond, results);
    }

    private static StepResult once(Variant variant, LoadShape shape, Plan plan, Servers servers, LoadClient client) {
        DeliveryRecorder recorder = new DeliveryRecorder(shape.connections());
        try (Deployment deployment = Deployment.start(variant.system(), 1, servers, variant.gatewaySettings());
             RoomLoad load = RoomLoad.connect(deployment, client, recorder, shape.connections(), shape.roomSize())) {
            StepRunner runner = new StepRunner(deployment, load, recorder, shape.messageBytes());
            runner.run(plan.deliveriesPerSecond(), plan.warmUp());
            Pause.of(Duration.ofSeconds(1));
            return runner.run(plan.deliveriesPerSecond(), shape.step());
        }
    }
}
