package io.wsfleet.gateway.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.history.Recovery;
import io.wsfleet.gateway.history.Retention;
import io.wsfleet.gateway.history.StreamHistory;
import io.wsfleet.gateway.history.StreamPosition;
import io.wsfleet.gateway.protocol.OutboundFrame;
import io.wsfleet.gateway.session.Session;

/**
 * Brings a session up to date on a held stream: reads the stream after the client's last position (or
 * only where it stands, for a client without one), answers, and releases the hold with the answer and
 * the replay ahead of the live frames that waited. A read that fails (Redis away) answers
 * {@code recovered: false} without a position and lets the held frames through.
 */
final class CatchUp {
    private final StreamHistory history;
    private final long maxReplayBytes;

    /** @param maxReplayBytes the largest replay sent; a larger one is refused with {@code recovered: false} */
    CatchUp(StreamHistory history, long maxReplayBytes) {
        this.history = history;
        this.maxReplayBytes = maxReplayBytes;
    }

    /**
     * @param payload the answer's payload so far; {@code recovered} (when a position was given) and
     *     {@code position} are added to it
     * @param answer the frames that carry the answer (none for a message without a client id)
     * @return what was decided, empty if the stream could not be read
     */
    CompletionStage<Optional<Recovery>> run(Session session, Topic stream, Retention retention,
                                            Optional<StreamPosition> since, ObjectNode payload,
                                            Function<ObjectNode, List<OutboundFrame>> answer) {
        CompletionStage<Recovery> read = since
                .map(position -> history.after(stream, position.offset(), retention.size(), retention)
                        .thenApply(slice -> Recovery.decide(position, slice, retention, maxReplayBytes)))
                .orElseGet(() -> history.position(stream, retention).thenApply(Recovery::start));
        return read.handle((recovery, failure) -> {
            if (since.isPresent()) {
                payload.put("recovered", recovery != null && recovery.recovered());
            }
            if (recovery == null) {
                session.release(stream, answer.apply(payload), null);
                return Optional.empty();
            }
            Positions.write(payload.putObject("position"), recovery.position());
            List<OutboundFrame> first = new ArrayList<>(answer.apply(payload));
            first.addAll(recovery.frames());
            session.release(stream, first, recovery.position());
            return Optional.of(recovery);
        });
    }
}
