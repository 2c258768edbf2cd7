package io.wsfleet.gateway.protocol;

import java.nio.charset.StandardCharsets;

/**
 * A server's WebSocket text frame as it goes on the wire (RFC 6455 section 5.2): final, unmasked, the
 * length in the shortest of its three forms, then the UTF-8 payload. A server's frames are not masked,
 * so one frame's bytes are the same for every client that receives it: a publication is framed once,
 * however many members a room has.
 */
public final class TextFrameBytes {
    private static final int FIN_TEXT = 0x81;
    private static final int SEVEN_BIT_MAX = 125;
    private static final int SIXTEEN_BIT_LENGTH = 126;
    private static final int SIXTY_FOUR_BIT_LENGTH = 127;

    private TextFrameBytes() {
    }

    public static byte[] of(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        return of(payload, 0, payload.length);
    }

    /** The frame of the UTF-8 text in {@code utf8[from, to)}: a frame received as bytes is copied once. */
    public static byte[] of(byte[] utf8, int from, int to) {
        byte[] frame = withHeader(to - from);
        System.arraycopy(utf8, from, frame, frame.length - (to - from), to - from);
        return frame;
    }

    /** A frame of {@code length} payload bytes: the header written, the payload left to fill at its end. */
    static byte[] withHeader(int length) {
        int header = length <= SEVEN_BIT_MAX ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + length];
        frame[0] = (byte) FIN_TEXT;
        if (header == 2) {
            frame[1] = (byte) length;
        } else if (header == 4) {
            frame[1] = (byte) SIXTEEN_BIT_LENGTH;
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = (byte) SIXTY_FOUR_BIT_LENGTH;
            // an int length: the four high bytes of the 64-bit length stay 0
            for (int i = 0; i < 4; i++) {
                frame[6 + i] = (byte) (length >>> (24 - 8 * i));
            }
        }
        return frame;
    }

    /** Where the payload of a frame made here starts. */
    static int payloadStart(byte[] frame) {
        int length = frame[1] & 0x7F;
        return length <= SEVEN_BIT_MAX ? 2 : length == SIXTEEN_BIT_LENGTH ? 4 : 10;
    }
}
