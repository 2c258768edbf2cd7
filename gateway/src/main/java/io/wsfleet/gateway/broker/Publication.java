package io.wsfleet.gateway.broker;

import io.wsfleet.gateway.history.Retention;
import io.wsfleet.gateway.protocol.OutboundFrame;

/**
 * One message on a topic: the frame, encoded once by the publishing node, who on the topic must not
 * receive it (the typing user, the connection that caused a device event), and how long the topic's
 * stream keeps it ({@link Retention#NONE}: not kept, delivered live only).
 */
public record Publication(OutboundFrame frame, Exclusion exclusion, Retention retention) {

    public Publication(OutboundFrame frame, Exclusion exclusion) {
        this(frame, exclusion, Retention.NONE);
    }

    public static Publication toAll(OutboundFrame frame) {
        return new Publication(frame, Exclusion.NONE);
    }

    /** The same publication with its frame as kept in the stream. */
    public Publication with(OutboundFrame kept) {
        return new Publication(kept, exclusion, retention);
    }

    /** Recipients a publication skips. */
    public sealed interface Exclusion {
        Exclusion NONE = new Nobody();

        boolean excludes(String connectionId, String userId);

        record Nobody() implements Exclusion {
            @Override
            public boolean excludes(String connectionId, String userId) {
                return false;
            }
        }

        /** Skips one connection (the sender's own device). */
        record Connection(String connectionId) implements Exclusion {
            @Override
            public boolean excludes(String connectionId, String userId) {
                return this.connectionId.equals(connectionId);
            }
        }

        /** Skips every device of a user (a typing user does not see its own indicator). */
        record User(String userId) implements Exclusion {
            @Override
            public boolean excludes(String connectionId, String userId) {
                return this.userId.equals(userId);
            }
        }
    }
}
