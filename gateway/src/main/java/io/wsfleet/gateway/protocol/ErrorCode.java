package io.wsfleet.gateway.protocol;

/** Stable codes carried in {@code error} frames as {@code payload.code}; documented in docs/protocol.md. */
public enum ErrorCode {
    /** The frame is not valid JSON, or not a JSON object. */
    BAD_JSON("bad_json"),
    /** The envelope has no {@code type}. */
    MISSING_TYPE("missing_type"),
    /** The {@code type} is not one the gateway knows. */
    UNKNOWN_TYPE("unknown_type"),
    /** The {@code type} exists but only the server sends it. */
    UNSUPPORTED_TYPE("unsupported_type"),
    /** A required payload field is absent. */
    MISSING_FIELD("missing_field"),
    /** A field is present but has the wrong type, length or characters. */
    INVALID_FIELD("invalid_field"),
    /** The sender publishes to a room its connection has not joined. */
    NOT_IN_ROOM("not_in_room"),
    /** The room is private and the user is not a member. */
    FORBIDDEN("forbidden"),
    /** The connection is already in as many rooms as a connection may join. */
    TOO_MANY_ROOMS("too_many_rooms"),
    /** The room is not in the directory and unknown rooms are refused. */
    ROOM_NOT_FOUND("room_not_found"),
    /** A binary frame arrived; the protocol is JSON text only. */
    UNSUPPORTED_BINARY("unsupported_binary"),
    /** Over the user's message (or typing) rate; {@code payload.retry_after_ms} says when to retry. */
    RATE_LIMITED("rate_limited"),
    /** A shared store (Redis) is unreachable right now; the client may retry. Nothing changed. */
    UNAVAILABLE("unavailable"),
    /** Something unexpected failed on the server; details are logged there, never sent. */
    INTERNAL("internal"),
    /** The message was accepted but could not be published; the client may retry. */
    PUBLISH_FAILED("publish_failed"),
    /** A {@code resume} came after another message or after the resume window; nothing was replayed. */
    RESUME_TOO_LATE("resume_too_late");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
