package io.wsfleet.operator.model;

import io.wsfleet.operator.api.v1alpha1.GatewaySpec;

/**
 * One gateway's stop as its pod runs it: the preStop sleep, then (SIGTERM) the gateway's deregistration
 * delay, its drain window, and its shutdown grace for the close handshakes. The pod's grace period covers
 * all of it: a kubelet that kills the gateway in the middle of its window drops the connections it has not
 * closed yet, and their clients come back all at once after their abnormal-close backoff.
 */
public record DrainTiming(int preStopSeconds, int deregistrationDelaySeconds, int windowSeconds, int shutdownGraceSeconds) {

    /** Seconds after the shutdown grace before the kubelet kills the process: the server's and the JVM's own stop. */
    static final int KILL_MARGIN_SECONDS = 10;

    /** The timing the gateways of this spec get: the operator's preStop sleep and the spec's settings, which env cannot override. */
    public static DrainTiming of(GatewaySpec gateway) {
        return new DrainTiming(GatewayModel.PRE_STOP_SECONDS, gateway.drain().deregistrationDelaySeconds(),
                gateway.drain().windowSeconds(), gateway.drainSeconds());
    }

    /** From the pod's deletion until its last connection was told to reconnect: the pace of rollouts and scale-downs. */
    public int closingSeconds() {
        return preStopSeconds + deregistrationDelaySeconds + windowSeconds;
    }

    /** preStop + delay + window + shutdown grace, and the kill margin. */
    public long terminationGracePeriodSeconds() {
        return (long) closingSeconds() + shutdownGraceSeconds + KILL_MARGIN_SECONDS;
    }
}
