package io.wsfleet.gateway.protocol;

import java.time.Duration;
import java.util.Optional;

/** A client frame the gateway refuses; it becomes an {@code error} frame, never a disconnect. */
public final class ProtocolException extends RuntimeException {
    private final ErrorCode code;
    private final String messageId;
    private final Duration retryAfter;

    public ProtocolException(ErrorCode code, String message, String messageId) {
        this(code, message, messageId, null);
    }

    public ProtocolException(ErrorCode code, String message, String messageId, Duration retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.messageId = messageId;
        this.retryAfter = retryAfter;
    }

    /** When the client may try again, for {@link ErrorCode#RATE_LIMITED}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public ErrorCode code() {
        return code;
    }

    /** The client's {@code message_id} the error answers, or null when the frame had none (or was unreadable). */
    public String messageId() {
        return messageId;
    }
}
