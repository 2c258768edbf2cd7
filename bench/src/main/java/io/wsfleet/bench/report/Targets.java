package io.wsfleet.bench.report;

/**
 * What the data plane aims at, one source for every report that judges a figure against it. Ratios are the
 * gateway's figure over the other system's, measured side by side in one run.
 */
final class Targets {
    /** Delivered frames per server CPU-second at everyday load, gateway / Socket.IO. */
    static final double EVERYDAY_EFFICIENCY_VS_SOCKETIO = 2;
    /** Delivered frames per server CPU-second at capacity, rooms of 100, gateway / Socket.IO. */
    static final double CAPACITY_EFFICIENCY_VS_SOCKETIO = 2.5;
    /** The same, gateway / raw Redis pub/sub. */
    static final double CAPACITY_EFFICIENCY_VS_REDIS = 0.8;
    /** Deliveries a second at capacity, rooms of 100, gateway / raw Redis. */
    static final double CAPACITY_VS_REDIS = 1;
    /** Deliveries a second at capacity, rooms of 1, gateway / raw Redis. */
    static final double ROOMS_OF_ONE_CAPACITY_VS_REDIS = 0.5;
    /** Memory a pod must budget per idle connection, gateway / Socket.IO. */
    static final double IDLE_BUDGET_VS_SOCKETIO = 1;
    /** A gateway's all-in memory per idle connection against the kernel's own for the socket. */
    static final double IDLE_ALL_IN_VS_KERNEL = 3;
    /** p99 delivery latency at half capacity, gateway, rooms of 100, in milliseconds. */
    static final double HALF_CAPACITY_P99_MILLIS = 5;
    /** The most of the gateway's CPU its collector may take in a pod full of idle connections. */
    static final double GC_SHARE = 0.05;

    private Targets() {
    }
}
