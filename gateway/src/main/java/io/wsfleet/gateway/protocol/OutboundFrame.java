package io.wsfleet.gateway.protocol;

import io.wsfleet.gateway.history.StreamPosition;

/**
 * One encoded text frame, shared by every recipient of a publication: it is encoded once, its UTF-8 size
 * (what outbound queues are bounded by) is computed once, and so are its bytes on the wire, when the first
 * recipient's writer asks for them. Its type and server timestamp travel beside the text so that delivery
 * can be counted and timed without parsing the frame, and so does the stream position of a kept
 * publication ({@code null} for frames that are not kept).
 */
public final class OutboundFrame {
    private static final String TYPE_PREFIX = "{\"type\":\"";
    private static final String TIMESTAMP_FIELD = "\"timestamp\":";
    /** What {@link #at} adds besides the epoch: {@code ,"offset":}, up to 19 digits, {@code ,"epoch":""} and the brace. */
    private static final int POSITION_FIELDS_LENGTH = 10 + 19 + 10 + 2;

    private final String text;
    private final int bytes;
    private final MessageType type;
    private final long timestamp;
    private final StreamPosition position;
    // Framed on first use: a frame kept in history may never be written, and one written to a hundred
    // members is framed by whichever writer comes first (two racing writers frame it twice, harmlessly).
    private volatile byte[] wire;

    private OutboundFrame(String text, int bytes, MessageType type, long timestamp, StreamPosition position) {
        this.text = text;
        this.bytes = bytes;
        this.type = type;
        this.timestamp = timestamp;
        this.position = position;
    }

    public static OutboundFrame of(String text, MessageType type, long timestamp) {
        return new OutboundFrame(text, Utf8.length(text), type, timestamp, null);
    }

    /**
     * This frame as kept at {@code position}: the envelope gains top-level {@code offset} and {@code epoch}
     * after its last field. Done once per publication on each gateway, never per recipient.
     */
    public OutboundFrame at(StreamPosition position) {
        // An epoch holds letters and digits only (StreamPosition checks it), so it needs no escaping, and
        // every character added is one UTF-8 byte. One sized builder, instead of a substring, a string of
        // the fields and their concatenation.
        StringBuilder positioned = new StringBuilder(text.length() + POSITION_FIELDS_LENGTH + position.epoch().length())
                .append(text, 0, text.length() - 1)
                .append(",\"offset\":").append(position.offset())
                .append(",\"epoch\":\"").append(position.epoch()).append("\"}");
        return new OutboundFrame(positioned.toString(), bytes + positioned.length() - text.length(), type, timestamp,
                position);
    }

    public boolean kept() {
        return position != null;
    }

    /** The JSON text of the frame. */
    public String text() {
        return text;
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
     * A frame another gateway encoded with {@link FrameCodec}, read back without parsing its payload:
     * the envelope's {@code type} comes first, and its {@code timestamp} is the last field of that name
     * (it follows the payload, and a string value cannot hold an unescaped quote).
     *
     * @throws IllegalArgumentException if the text is not such a frame
     */
    public static OutboundFrame received(String text) {
        if (!text.startsWith(TYPE_PREFIX)) {
            throw new IllegalArgumentException("not a server frame: it does not start with its type");
        }
        int typeEnd = text.indexOf('"', TYPE_PREFIX.length());
        MessageType type = MessageType.fromWireName(typeEnd < 0 ? "" : text.substring(TYPE_PREFIX.length(), typeEnd))
                .orElseThrow(() -> new IllegalArgumentException("not a server frame: unknown type"));
        int field = text.lastIndexOf(TIMESTAMP_FIELD);
        if (field < 0) {
            throw new IllegalArgumentException("not a server frame: no timestamp");
        }
        int start = field + TIMESTAMP_FIELD.length();
        int end = start;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        if (end == start) {
            throw new IllegalArgumentException("not a server frame: the timestamp is not a number");
        }
        return of(text, type, Long.parseLong(text, start, end, 10));
    }
}
