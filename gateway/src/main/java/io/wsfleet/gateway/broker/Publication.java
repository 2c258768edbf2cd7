package io.wsfleet.gateway.broker;

import io.wsfleet.gateway.protocol.OutboundFrame;

/**
 * One message on a topic: the frame, encoded once by the publishing node, and who on the topic must
 * not receive it (the typing user, the connection that caused a device event).
 */
public record Publication(OutboundFrame frame, Exclusion exclusion) {

    public static Publication toAll(OutboundFrame frame) {
        return new Publication(frame, Exclusion.NONE);
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
