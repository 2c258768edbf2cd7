package io.wsfleet.gateway.broker;

import java.util.concurrent.CompletionStage;

import io.wsfleet.gateway.history.StreamHistory;

/**
 * The fan-out SPI every delivery path goes through (room, user, broadcast). The in-memory broker
 * serves one node; the Redis broker makes every node of a cluster reach every other.
 *
 * <p>Contract: publications of one topic reach each subscriber once and in publish order; publish
 * fails (the stage completes exceptionally) rather than buffering without limit. A publication with a
 * {@link io.wsfleet.gateway.history.Retention} that keeps it is appended to the topic's stream in the
 * same atomic step that publishes it: it gets the next offset, and is delivered (to every subscriber,
 * on every node) as a frame carrying that position, in offset order. It is kept even when no node is
 * subscribed to the topic.
 */
public interface Broker extends AutoCloseable {

    CompletionStage<Void> publish(Topic topic, Publication publication);

    /**
     * Publishes unless the same user published under the same client message id to the same topic
     * within {@code once.window()}; the check and the publish are one atomic step.
     *
     * @return the server message id that counts: {@code once.serverMessageId()} if published now, the
     *     first publication's id if this is a repeat (nothing is published then)
     */
    CompletionStage<String> publishOnce(Topic topic, Publication publication, Once once);

    /** Starts delivering the topic's publications to the listener; one listener per topic. */
    CompletionStage<Void> subscribe(Topic topic, BrokerListener listener);

    CompletionStage<Void> unsubscribe(Topic topic);

    /** The kept publications of each topic's stream. */
    StreamHistory history();

    /** Whether the broker can publish now (always true in memory; false while Redis is unreachable). */
    boolean healthy();

    /** A short name for health output: {@code memory} or {@code redis}. */
    String kind();

    @Override
    void close();
}
