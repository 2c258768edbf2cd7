package io.wsfleet.gateway.protocol;

/** A client frame the gateway refuses; it becomes an {@code error} frame, never a disconnect. */
public final class ProtocolException extends RuntimeException {
    private final ErrorCode code;
    private final String messageId;

    public ProtocolException(ErrorCode code, String message, String messageId) {
        super(message, null, false, false);
        this.code = code;
        this.messageId = messageId;
    }

    public ErrorCode code() {
        return code;
    }

    /** The client's {@code message_id} the error answers, or null when the frame had none (or was unreadable). */
    public String messageId() {
        return messageId;
    }
}
