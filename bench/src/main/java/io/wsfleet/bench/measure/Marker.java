package io.wsfleet.bench.measure;

/**
 * What a benchmark message carries, in plain characters that need no escaping in JSON or RESP:
 * {@code @@step|sentNanos|room|sequence|} padded with {@code x} to the message size. The client finds
 * it in any server's frame with one {@code indexOf}, so parsing costs the same for every system.
 */
public record Marker(int step, long sentNanos, int room, long sequence) {
    private static final String PREFIX = "@@";

    public String encode(int size) {
        StringBuilder text = new StringBuilder(Math.max(size, 48)).append(PREFIX).append(step).append('|')
                .append(sentNanos).append('|').append(room).append('|').append(sequence).append('|');
        while (text.length() < size) {
            text.append('x');
        }
        return text.toString();
    }

    /** The marker inside {@code text}, or null when the text carries none. */
    public static Marker find(String text) {
        int at = text.indexOf(PREFIX);
        if (at < 0) {
            return null;
        }
        int[] position = {at + PREFIX.length()};
        try {
            int step = (int) number(text, position);
            long sent = number(text, position);
            int room = (int) number(text, position);
            long sequence = number(text, position);
            return new Marker(step, sent, room, sequence);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static long number(String text, int[] position) {
        int end = text.indexOf('|', position[0]);
        long value = Long.parseLong(text, position[0], end, 10);
        position[0] = end + 1;
        return value;
    }
}
