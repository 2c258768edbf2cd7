package io.wsfleet.gateway.protocol;

import java.nio.charset.StandardCharsets;

import io.wsfleet.gateway.history.StreamPosition;

/**
 * One encoded text frame, shared by every recipient of a publication: it is encoded once (or received
 * from Redis as UTF-8 and framed at once), its UTF-8 size (what outbound queues are bounded by) is
 * computed once, and so are its bytes on the wire. Its type and server timestamp travel beside the text so that delivery
 * can be counted and timed without parsing the frame, and so does the stream position of a kept
 * publication ({@code null} for frames that are not kept).
 */
public final class OutboundFrame {
    private static final String TYPE_PREFIX = "{\"type\":\"";
    private static final String TIMESTAMP_FIELD = "\"timestamp\":";

    private final int bytes;
    private final MessageType type;
    private final long timestamp;
    private final StreamPosition position;
    // A frame encoded here starts as text and is framed on first use: a frame kept in history may never be
    // written, and one written to a hundred members is framed by whichever writer comes first. A frame
    // received as bytes starts framed, and its text is decoded only if something asks for it (a history
    // answer, a presence query). Two racing threads may each fill the missing one, harmlessly.
    private volatile String text;
    private volatile byte[] wire;

    private OutboundFrame(String text, byte[] wire, int bytes, MessageType type, long timestamp, StreamPosition position) {
        this.text = text;
        this.wire = wire;
        this.bytes = bytes;
        this.type = type;
        this.timestamp = timestamp;
        this.position = position;
    }

    public static OutboundFrame of(String text, MessageType type, long timestamp) {
        return new OutboundFrame(text, null, Utf8.length(text), type, timestamp, null);
    }

    /**
     * This frame as kept at {@code position} (see {@link PositionedFrameBytes}). Done once per publication
     * on each gateway, never per recipient.
     */
    public OutboundFrame at(StreamPosition position) {
        byte[] framed = wire;
        byte[] positioned;
        if (framed != null) {
            positioned = PositionedFrameBytes.of(framed, TextFrameBytes.payloadStart(framed), framed.length, position);
        } else {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            positioned = PositionedFrameBytes.of(utf8, 0, utf8.length, position);
        }
        return framed(positioned, type, timestamp, position);
    }

    public boolean kept() {
        return position != null;
    }

    /** The JSON text of the frame. */
    public String text() {
        String decoded = text;
        if (decoded == null) {
            byte[] framed = wire;
            int start = TextFrameBytes.payloadStart(framed);
            decoded = new String(framed, start, framed.length - start, StandardCharsets.UTF_8);
            text = decoded;
        }
        return decoded;
    }

    /** The UTF-8 size of {@link #text()}. */
    public int bytes() {
        return bytes;
    }

    public MessageType type() {
        return type;
    }

    /** The server timestamp of the frame, in epoch milliseconds. */
    public long timestamp() {
        return timestamp;
    }

    /** Where a kept publication is in its stream; {@code null} for a frame that is not kept. */
    public StreamPosition position() {
        return position;
    }

    /** The whole WebSocket text frame, header and payload, as every recipient's socket gets it. */
    public byte[] wire() {
        byte[] framed = wire;
        if (framed == null) {
            framed = TextFrameBytes.of(text);
            wire = framed;
        }
        return framed;
    }

    @Override
    public String toString() {
        return "OutboundFrame[" + type + ", " + bytes + " bytes" + (kept() ? ", at " + position : "") + "]";
    }

    /**
     * A frame another gateway encoded with {@link FrameCodec}, in {@code utf8} from {@code from} to the end,
     * read back without decoding it or parsing its payload: the envelope's {@code type} comes first, and
     * its {@code timestamp} is the last field of that name (it follows the payload, and a string value
     * cannot hold an unescaped quote). It is framed at once, at {@code position} if that is not {@code null}:
     * the bytes are copied once, into the wire frame every recipient gets.
     *
     * @throws IllegalArgumentException if the bytes are not such a frame
     */
    public static OutboundFrame received(byte[] utf8, int from, StreamPosition position) {
        if (!AsciiBytes.startsWith(utf8, from, TYPE_PREFIX)) {
            throw new IllegalArgumentException("not a server frame: it does not start with its type");
        }
        int typeStart = from + TYPE_PREFIX.length();
        int typeEnd = AsciiBytes.indexOf(utf8, typeStart, '"');
        MessageType type = MessageType.fromWireName(typeEnd < 0 ? ""
                        : new String(utf8, typeStart, typeEnd - typeStart, StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalArgumentException("not a server frame: unknown type"));
        int field = AsciiBytes.lastIndexOf(utf8, from, TIMESTAMP_FIELD);
        if (field < 0) {
            throw new IllegalArgumentException("not a server frame: no timestamp");
        }
        int start = field + TIMESTAMP_FIELD.length();
        int end = AsciiBytes.digitsEnd(utf8, start);
        if (end == start) {
            throw new IllegalArgumentException("not a server frame: the timestamp is not a number");
        }
        long timestamp = AsciiBytes.parseLong(utf8, start, end);
        byte[] framed = position == null
                ? TextFrameBytes.of(utf8, from, utf8.length)
                : PositionedFrameBytes.of(utf8, from, utf8.length, position);
        return framed(framed, type, timestamp, position);
    }

    private static OutboundFrame framed(byte[] wire, MessageType type, long timestamp, StreamPosition position) {
        return new OutboundFrame(null, wire, wire.length - TextFrameBytes.payloadStart(wire), type, timestamp, position);
    }
}
