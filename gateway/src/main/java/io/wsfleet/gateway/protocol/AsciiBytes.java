package io.wsfleet.gateway.protocol;

/**
 * Reading and writing the ASCII parts of UTF-8 messages in place: headers, digits and envelope fields
 * of frames that cross Redis as bytes. A byte below 0x80 is never part of a multi-byte UTF-8
 * character, so these scans cannot land inside one.
 */
public final class AsciiBytes {

    private AsciiBytes() {
    }

    /** The index of the first {@code wanted} at or after {@code from}, or -1. */
    public static int indexOf(byte[] bytes, int from, char wanted) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code bytes} holds the ASCII {@code prefix} at {@code from}. */
    public static boolean startsWith(byte[] bytes, int from, String prefix) {
        if (from + prefix.length() > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The index of the last ASCII {@code pattern} that starts at or after {@code from}, or -1. */
    public static int lastIndexOf(byte[] bytes, int from, String pattern) {
        for (int i = bytes.length - pattern.length(); i >= from; i--) {
            if (startsWith(bytes, i, pattern)) {
                return i;
            }
        }
        return -1;
    }

    /** The index just past the decimal digits that start at {@code from}. */
    public static int digitsEnd(byte[] bytes, int from) {
        int end = from;
        while (end < bytes.length && bytes[end] >= '0' && bytes[end] <= '9') {
            end++;
        }
        return end;
    }

    /**
     * The decimal number in {@code bytes[from, to)}.
     *
     * @throws IllegalArgumentException if it is empty, holds anything but digits or has more than 18 (what
     *     always fits a long; offsets, lengths and millisecond timestamps are far shorter)
     */
    public static long parseLong(byte[] bytes, int from, int to) {
        if (to <= from || to > bytes.length || to - from > 18 || digitsEnd(bytes, from) < to) {
            throw new IllegalArgumentException("not a decimal number of at most 18 digits");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (bytes[i] - '0');
        }
        return value;
    }

    /** How many decimal digits {@code value} (not negative) has. */
    public static int digitCount(long value) {
        int count = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            count++;
        }
        return count;
    }

    /** {@code value} (not negative) in decimal digits, as a Redis argument carries a number. */
    public static byte[] digits(long value) {
        int count = digitCount(value);
        byte[] digits = new byte[count];
        putDigits(digits, 0, value, count);
        return digits;
    }

    /** Writes {@code value} (not negative) as {@code digits} decimal digits at {@code at}; returns the index past them. */
    public static int putDigits(byte[] target, int at, long value, int digits) {
        long rest = value;
        for (int i = at + digits - 1; i >= at; i--) {
            target[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return at + digits;
    }

    /** Writes the ASCII {@code text} at {@code at}; returns the index past it. */
    public static int put(byte[] target, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            target[at + i] = (byte) text.charAt(i);
        }
        return at + text.length();
    }
}
