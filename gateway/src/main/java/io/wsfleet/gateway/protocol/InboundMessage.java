package io.wsfleet.gateway.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A decoded client frame: a client-sendable type, its payload object, the optional client message id,
 * and whether the client asked for that id to be de-duplicated ({@code "dedup": true}).
 */
public record InboundMessage(MessageType type, ObjectNode payload, String messageId, boolean dedup) {

    /** A required, non-blank string field of the payload. */
    public String requiredText(String field) {
        JsonNode value = payload.get(field);
        if (value == null || value.isNull()) {
            throw error(ErrorCode.MISSING_FIELD, "payload." + field + " is required");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw error(ErrorCode.INVALID_FIELD, "payload." + field + " must be a non-empty string");
        }
        return value.asText();
    }

    /** A required field of any JSON type except null: the application's message body. */
    public JsonNode requiredValue(String field) {
        JsonNode value = payload.get(field);
        if (value == null || value.isNull()) {
            throw error(ErrorCode.MISSING_FIELD, "payload." + field + " is required");
        }
        return value;
    }

    /** An optional boolean field, {@code fallback} when absent. */
    public boolean optionalBoolean(String field, boolean fallback) {
        JsonNode value = payload.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw error(ErrorCode.INVALID_FIELD, "payload." + field + " must be a boolean");
        }
        return value.booleanValue();
    }

    /** An optional whole-number field between {@code min} and {@code max}, {@code fallback} when absent. */
    public long optionalLong(String field, long fallback, long min, long max) {
        JsonNode value = payload.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToLong()
                || value.asLong() < min || value.asLong() > max) {
            throw error(ErrorCode.INVALID_FIELD, "payload." + field + " must be a whole number from " + min
                    + (max == Long.MAX_VALUE ? " on" : " to " + max));
        }
        return value.asLong();
    }

    /** {@link #optionalLong} within the range of an int. */
    public int optionalInt(String field, int fallback, int min, int max) {
        return (int) optionalLong(field, fallback, min, max);
    }

    /** An error answering this message (naming its message id, if it had one). */
    public ProtocolException error(ErrorCode code, String message) {
        return new ProtocolException(code, message, messageId);
    }
}
