package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The paced drain of a stopping gateway (the gateway's drain.* keys) and how much of the fleet may drain
 * at once: the operator derives the pod's grace period, the rollout's surge and the HPA's pace from it.
 */
@ValidationRule(value = "self.deregistrationDelaySeconds + self.windowSeconds <= " + DrainSpec.MAX_DELAY_AND_WINDOW_SECONDS,
        message = "deregistrationDelaySeconds + windowSeconds must not exceed " + DrainSpec.MAX_DELAY_AND_WINDOW_SECONDS
                + " (with the 5 s preStop sleep, one drain must fit in the HPA's longest policy period, 1800 s)",
        fieldPath = ".windowSeconds")
public record DrainSpec(
        @Min(0) @Max(MAX_DELAY_AND_WINDOW_SECONDS) @Default("5")
        @JsonPropertyDescription("Seconds a stopping gateway keeps its connections open after readiness turned down, for load balancers"
                + " to stop sending new ones (drain.deregistration-delay-seconds).")
        Integer deregistrationDelaySeconds,
        @Min(0) @Max(MAX_DELAY_AND_WINDOW_SECONDS) @Default("30")
        @JsonPropertyDescription("Seconds over which a stopping gateway closes its connections with 1012, an equal share each second, so"
                + " that the rest of the fleet takes at most connections/window reconnects per second (drain.window-seconds); 0: all at once.")
        Integer windowSeconds,
        @Min(1) @Max(100) @Default("10")
        @JsonPropertyDescription("The most of the fleet's gateways, in percent, that a rollout or a node drain stops at once (at least one"
                + " pod); the HPA removes one pod per drain.")
        Integer maxDrainingPercent,
        @Min(0) @Max(3600) @Default("10")
        @JsonPropertyDescription("Seconds the rooms of a connection closed with 1012 (a drain, a rollout, a rebalancing shed) keep its"
                + " user, so that a client back within them causes no user_left/user_joined (presence.reconnect-grace-seconds);"
                + " 0: every close is announced at once.")
        Integer reconnectGraceSeconds) {

    public static final int DEFAULT_DEREGISTRATION_DELAY_SECONDS = 5;
    /**
     * Longer than the gateway's own default (10 s, which fits a plain pod's 30 s grace period): the operator sets
     * the grace period, and the fleet simulation measured the roll's p99 at 1.6-3.6x the steady value with 30 s
     * (four runs) against 355x with 10 s (docs/benchmarks.md#fleet-simulation).
     */
    public static final int DEFAULT_WINDOW_SECONDS = 30;
    public static final int DEFAULT_MAX_DRAINING_PERCENT = 10;
    public static final int DEFAULT_RECONNECT_GRACE_SECONDS = 10;
    /** The HPA's longest policy period (1800 s) less the gateway pods' 5 s preStop sleep. */
    public static final int MAX_DELAY_AND_WINDOW_SECONDS = 1795;

    public DrainSpec {
        deregistrationDelaySeconds = deregistrationDelaySeconds == null ? DEFAULT_DEREGISTRATION_DELAY_SECONDS : deregistrationDelaySeconds;
        windowSeconds = windowSeconds == null ? DEFAULT_WINDOW_SECONDS : windowSeconds;
        maxDrainingPercent = maxDrainingPercent == null ? DEFAULT_MAX_DRAINING_PERCENT : maxDrainingPercent;
        reconnectGraceSeconds = reconnectGraceSeconds == null ? DEFAULT_RECONNECT_GRACE_SECONDS : reconnectGraceSeconds;
    }
}
