package io.wsfleet.bench.client;

import java.util.Optional;

/**
 * A position in a room's stream, {@code {"offset": N, "epoch": "E"}} (docs/protocol.md, history and
 * recovery): what a kept {@code room_message} carries at its top level, and what a join's ack carries
 * as {@code payload.position}. Read from the gateway's compact JSON with two searches, as
 * {@link io.wsfleet.bench.measure.Marker} is, so that reading costs the client little.
 */
public record StreamPosition(long offset, String epoch) {
    private static final String OFFSET = "\"offset\":";
    private static final String EPOCH = "\"epoch\":\"";

    /** The last position in {@code frame}, or empty when it carries none (a room without history). */
    public static Optional<StreamPosition> in(String frame) {
        int offsetAt = frame.lastIndexOf(OFFSET);
        int epochAt = frame.lastIndexOf(EPOCH);
        if (offsetAt < 0 || epochAt < 0) {
            return Optional.empty();
        }
        int digits = offsetAt + OFFSET.length();
        int end = digits;
        while (end < frame.length() && Character.isDigit(frame.charAt(end))) {
            end++;
        }
        int epochStart = epochAt + EPOCH.length();
        int epochEnd = frame.indexOf('"', epochStart);
        if (end == digits || epochEnd < 0) {
            return Optional.empty();
        }
        return Optional.of(new StreamPosition(Long.parseLong(frame, digits, end, 10), frame.substring(epochStart, epochEnd)));
    }

    /** The position as the {@code since} of a join. */
    String json() {
        return "{\"offset\":" + offset + ",\"epoch\":\"" + epoch + "\"}";
    }
}
