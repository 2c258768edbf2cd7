package io.wsfleet.bench.client;

/** Receives every frame (or Redis message) that may carry a benchmark message, on the client's I/O threads. */
@FunctionalInterface
public interface DeliverySink {
    void received(int connection, String text);
}
