package io.wsfleet.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehaviorBuilder;
import io.wsfleet.operator.api.v1alpha1.ScaleDownSpec;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterSpec;

/**
 * How many gateways drain at once, and how soon the next may start: every stopped gateway sends all of its
 * clients reconnecting into the others (handshakes, token checks, re-joins), so a rollout, a node drain and
 * a scale-down each stop at most {@code maxDrainingPercent} of the fleet at a time, and never start the next
 * pod before the last one's drain window ended (docs/operations.md#rollouts-and-scale-downs).
 */
public final class DrainPacing {

    /** A scale-up looks past a spike at least this long: the reconnects of a drain raise the others' CPU for about its window. */
    static final int SCALE_UP_STABILIZATION_FLOOR_SECONDS = 60;
    /** A scale-up at most doubles the fleet, or adds this many pods, per minute: new pods fill slowly (new clients, rebalancing). */
    static final int SCALE_UP_PODS_PER_MINUTE = 4;

    private DrainPacing() {
    }

    /**
     * Gateways that may drain at once: {@code maxDrainingPercent} of the fleet, rounded down (Kubernetes would round a
     * percentage surge up, past the bound), and at least one, below which nothing can roll.
     */
    public static int podsAtOnce(WebSocketClusterSpec spec, int replicas) {
        return Math.max(1, (int) ((long) replicas * spec.gateway().drain().maxDrainingPercent() / 100));
    }

    /**
     * New pods first, as many as may drain at once, then that many old ones: the old pods stopped together are exactly the
     * surge. None is unavailable beforehand, so the drained clients find the new pods' room.
     */
    static DeploymentStrategy strategy(WebSocketClusterSpec spec, int replicas) {
        return new DeploymentStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(podsAtOnce(spec, replicas))).withMaxUnavailable(new IntOrString(0))
                .endRollingUpdate().build();
    }

    /**
     * A new pod counts as available only this long after it is ready, and the Deployment stops the next batch of old pods
     * only then: by that time the last batch has closed all its connections. Without it a fast-starting pod would let the
     * next batch drain while the last one still does.
     */
    static int minReadySeconds(WebSocketClusterSpec spec) {
        return DrainTiming.of(spec.gateway()).closingSeconds();
    }

    /**
     * Scale-down: one pod per drain (the next only once the last closed all its connections), and no more than
     * {@code scaleDown.maxPercentPerMinute} a minute (at least one), whichever is slower ({@code selectPolicy: Min}), after the
     * stabilization window. Scale-up: past a drain's reconnect spike, at most double or four pods more per minute.
     */
    public static HorizontalPodAutoscalerBehavior behavior(WebSocketClusterSpec spec) {
        int drain = DrainTiming.of(spec.gateway()).closingSeconds();
        ScaleDownSpec scaleDown = spec.autoscaling().scaleDown();
        return new HorizontalPodAutoscalerBehaviorBuilder()
                .withNewScaleDown()
                    .withStabilizationWindowSeconds(scaleDown.stabilizationWindowSeconds())
                    .withSelectPolicy("Min")
                    .addNewPolicy().withType("Pods").withValue(1).withPeriodSeconds(drain).endPolicy()
                    .addNewPolicy().withType("Percent").withValue(scaleDown.maxPercentPerMinute()).withPeriodSeconds(60).endPolicy()
                .endScaleDown()
                .withNewScaleUp()
                    .withStabilizationWindowSeconds(Math.max(SCALE_UP_STABILIZATION_FLOOR_SECONDS, drain))
                    .withSelectPolicy("Max")
                    .addNewPolicy().withType("Percent").withValue(100).withPeriodSeconds(60).endPolicy()
                    .addNewPolicy().withType("Pods").withValue(SCALE_UP_PODS_PER_MINUTE).withPeriodSeconds(60).endPolicy()
                .endScaleUp()
                .build();
    }
}
