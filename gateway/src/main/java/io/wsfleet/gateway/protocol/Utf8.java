package io.wsfleet.gateway.protocol;

/**
 * The UTF-8 size of a string, counted without encoding it: frames are measured on every send and
 * receive (outbound queues and message limits are bounded in bytes), and encoding each one only to
 * read its length doubled the garbage of a small frame.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** Exactly {@code text.getBytes(UTF_8).length}: a lone surrogate counts as the one-byte '?' it encodes to. */
    public static int length(String text) {
        int bytes = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
