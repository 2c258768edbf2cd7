package io.wsfleet.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.wsfleet.bench.Pause;
import io.wsfleet.bench.SystemKind;
import io.wsfleet.bench.client.LoadClient;
import io.wsfleet.bench.measure.DeliveryRecorder;
import io.wsfleet.bench.proc.Servers;

/**
 * Capacity of one system for one load shape: the offered rate is stepped up until a step is not clean
 * (a loss, a duplicate, or p99 over 50 ms); capacity is the highest clean step. Optionally one more,
 * longer step at half that capacity measures latency with headroom.
 */
public final class FanOut {

    /** The steps of one system, its highest clean step and the half-capacity step, when there are. */
    public record Capacity(SystemKind system, int nodes, LoadShape shape, List<StepResult> steps,
                           Optional<StepResult> best, Optional<StepResult> atHalf) {

        /** The capacity of {@code system} on one node with rooms of {@code roomSize}, if {@code capacities} has it. */
        public static Optional<Capacity> ofOneNode(List<Capacity> capacities, SystemKind system, int roomSize) {
            return capacities.stream()
                    .filter(c -> c.nodes() == 1 && c.system() == system && c.shape().roomSize() == roomSize)
                    .findFirst();
        }
    }

    private FanOut() {
    }

    public static Capacity measure(SystemKind system, int nodes, LoadShape shape, boolean halfCapacityStep,
                                   Servers servers, LoadClient client) {
        DeliveryRecorder recorder = new DeliveryRecorder(shape.connections());
        try (Deployment deployment = Deployment.start(system, nodes, servers);
             RoomLoad load = RoomLoad.connect(deployment, client, recorder, shape.connections(), shape.roomSize())) {
            StepRunner runner = new StepRunner(deployment, load, recorder, shape.messageBytes());
            // Half a step (5 s at the default 10 s steps) at half the first rate: JIT and connection set-up out of the way.
            report("warm-up", runner.run(shape.startDeliveriesPerSecond() / 2, shape.step().dividedBy(2)));
            List<StepResult> steps = new ArrayList<>();
            StepResult best = null;
            double rate = shape.startDeliveriesPerSecond();
            for (int i = 0; i < shape.maxSteps(); i++, rate *= shape.growth()) {
                StepResult step = report("step", runner.run(rate, shape.step()));
                steps.add(step);
                if (!step.clean()) {
                    break;
                }
                best = step;
            }
            StepResult atHalf = null;
            if (halfCapacityStep && best != null) {
                Pause.of(Duration.ofSeconds(3)); // let the last step drain
                double half = best.offeredMessagesPerSecond() * shape.roomSize() / 2;
                atHalf = report("half capacity", runner.run(half, shape.step().multipliedBy(2)));
            }
            return new Capacity(system, nodes, shape, steps, Optional.ofNullable(best), Optional.ofNullable(atHalf));
        }
    }

    private static StepResult report(String what, StepResult step) {
        System.out.printf("  %-13s %-9s rooms of %-4d offered %,9.0f deliveries/s: delivered %,d of %,d (dup %d, late %d),"
                        + " p50 %.1f p99 %.1f p99.9 %.1f ms, server CPU %.1fs user %.1fs sys -> %,.0f frames/CPU-s%n",
                what, step.system(), step.roomSize(), step.offeredMessagesPerSecond() * step.roomSize(),
                step.delivered(), step.expected(), step.duplicates(), step.late(), step.p50(), step.p99(), step.p999(),
                step.serverCpu().userSeconds(), step.serverCpu().systemSeconds(), step.efficiency());
        return step;
    }
}
