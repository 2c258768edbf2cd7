package io.wsfleet.gateway.protocol;

import io.wsfleet.gateway.history.StreamPosition;

/**
 * The one place that writes a kept frame's position: the envelope gains top-level {@code offset} and
 * {@code epoch} after its last field, {@code {...,"offset":7,"epoch":"k3x9"}}. Spliced into the UTF-8
 * bytes as the frame is framed, so a kept publication is copied once on its way from Redis to the
 * wire, never decoded to text and encoded again.
 */
final class PositionedFrameBytes {
    private static final String OFFSET_FIELD = ",\"offset\":";
    private static final String EPOCH_FIELD = ",\"epoch\":\"";
    private static final String END = "\"}";

    private PositionedFrameBytes() {
    }

    /**
     * The wire frame of the JSON object in {@code utf8[from, to)} as kept at {@code position}. An epoch
     * holds letters and digits only ({@link StreamPosition} checks it): it needs no escaping, and each of
     * its characters is one byte.
     */
    static byte[] of(byte[] utf8, int from, int to, StreamPosition position) {
        if (to <= from || utf8[to - 1] != '}') {
            throw new IllegalArgumentException("not a frame: it does not end its envelope with '}'");
        }
        int fields = to - 1 - from;
        int offsetDigits = AsciiBytes.digitCount(position.offset());
        String epoch = position.epoch();
        int length = fields + OFFSET_FIELD.length() + offsetDigits + EPOCH_FIELD.length() + epoch.length() + END.length();
        byte[] frame = TextFrameBytes.withHeader(length);
        int at = frame.length - length;
        System.arraycopy(utf8, from, frame, at, fields);
        at = AsciiBytes.put(frame, at + fields, OFFSET_FIELD);
        at = AsciiBytes.putDigits(frame, at, position.offset(), offsetDigits);
        at = AsciiBytes.put(frame, at, EPOCH_FIELD);
        at = AsciiBytes.put(frame, at, epoch);
        AsciiBytes.put(frame, at, END);
        return frame;
    }
}
