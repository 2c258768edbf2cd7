package io.wsfleet.bench.client;

import java.util.concurrent.CompletableFuture;

/** One client connection of the load: it joins one room and may publish into rooms. */
public interface Endpoint extends AutoCloseable {

    /** Completes once the server confirmed the membership (ack, Socket.IO ack, Redis subscribe reply). */
    CompletableFuture<Void> join(String room);

    /** Sends one message to a room without waiting (open loop). */
    void publish(String room, String message);

    @Override
    void close();
}
