package io.wsfleet.gateway.broker;

import java.time.Duration;

/**
 * Identifies a client message that must be published at most once: the sender's user id and the
 * client's {@code message_id}, remembered for {@code window} together with the server message id of
 * the publication. A client that resends after a reconnect (on any gateway) gets the first id back
 * and nothing is delivered twice.
 */
public record Once(String userId, String clientMessageId, String serverMessageId, Duration window) {

    /** The part of a storage key that names this sender and message, unambiguous whatever the ids contain. */
    public String keySuffix() {
        return userId.length() + ":" + userId + ":" + clientMessageId;
    }
}
