package io.wsfleet.gateway.history;

import java.util.concurrent.CompletionStage;

import io.wsfleet.gateway.broker.Topic;

/**
 * Reads the kept publications of a stream (a room's or a user's). Publications are kept by the broker
 * in the same step that publishes them, so a frame is never delivered without being kept; this side
 * only reads. Reading a stream nothing was kept in gives it an epoch, so that a client can hold a
 * position from its first join on.
 */
public interface StreamHistory {

    /** The current position and up to {@code max} entries with offsets above {@code after}, oldest first. */
    CompletionStage<StreamSlice> after(Topic topic, long after, int max, Retention retention);

    /** The current position only. */
    default CompletionStage<StreamSlice> position(Topic topic, Retention retention) {
        return after(topic, Long.MAX_VALUE, 0, retention);
    }

    /** The current position and up to {@code max} of the newest entries with offsets below {@code before}, oldest first. */
    CompletionStage<StreamSlice> before(Topic topic, long before, int max, Retention retention);
}
