package io.wsfleet.gateway.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * Stable codes carried in {@code error} frames as {@code payload.code}; documented in docs/protocol.md.
 * A retryable code means "not now": the same message may succeed later (the SDK asks again; its set in
 * {@code clients/js/src/server-error.js} is checked against this one).
 */
public enum ErrorCode {
    /** The frame is not valid JSON, or not a JSON object. */
    BAD_JSON("bad_json", false),
    /** The envelope has no {@code type}. */
    MISSING_TYPE("missing_type", false),
    /** The {@code type} is not one the gateway knows. */
    UNKNOWN_TYPE("unknown_type", false),
    /** The {@code type} exists but only the server sends it. */
    UNSUPPORTED_TYPE("unsupported_type", false),
    /** A required payload field is absent. */
    MISSING_FIELD("missing_field", false),
    /** A field is present but has the wrong type, length or characters. */
    INVALID_FIELD("invalid_field", false),
    /** The sender publishes to a room its connection has not joined. */
    NOT_IN_ROOM("not_in_room", false),
    /** The room is private and the user is not a member. */
    FORBIDDEN("forbidden", false),
    /** The connection is already in as many rooms as a connection may join. */
    TOO_MANY_ROOMS("too_many_rooms", false),
    /** The room is not in the directory and unknown rooms are refused. */
    ROOM_NOT_FOUND("room_not_found", false),
    /** A binary frame arrived; the protocol is JSON text only. */
    UNSUPPORTED_BINARY("unsupported_binary", false),
    /** Over the user's message (or typing) rate; {@code payload.retry_after_ms} says when to retry. */
    RATE_LIMITED("rate_limited", true),
    /** A shared store (Redis) is unreachable right now; the client may retry. Nothing changed. */
    UNAVAILABLE("unavailable", true),
    /** Something unexpected failed on the server; details are logged there, never sent. */
    INTERNAL("internal", true),
    /** The message was accepted but could not be published; the client may retry. */
    PUBLISH_FAILED("publish_failed", true),
    /** A {@code resume} came after another message or after the resume window; nothing was replayed. */
    RESUME_TOO_LATE("resume_too_late", false);

    private final String wireName;
    private final boolean retryable;

    ErrorCode(String wireName, boolean retryable) {
        this.wireName = wireName;
        this.retryable = retryable;
    }

    /** Whether the same message may succeed if sent again later. */
    public boolean retryable() {
        return retryable;
    }

    public String wireName() {
        return wireName;
    }

    /** The code an {@code error} frame names, if the gateway defines it. */
    public static Optional<ErrorCode> ofWire(String wireName) {
        return Arrays.stream(values()).filter(code -> code.wireName.equals(wireName)).findFirst();
    }
}
