package io.wsfleet.gateway.history;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A position in a stream of kept publications: the {@code epoch} names one life of the stream (a new one
 * whenever its history starts afresh, for example after Redis lost its data) and {@code offset} counts the
 * publications kept in it, starting at 1. Offset 0 is the position of a stream nothing was kept in yet.
 */
public record StreamPosition(long offset, String epoch) {
    /** Longest epoch a client may send back; the gateway's own are 13 characters at most. */
    public static final int MAX_EPOCH_LENGTH = 64;

    public StreamPosition {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        // Epochs are spliced into frames as JSON strings: only characters that need no escaping.
        if (!validEpoch(epoch)) {
            throw new IllegalArgumentException("epoch must be 1 to " + MAX_EPOCH_LENGTH + " lower-case letters or digits");
        }
    }

    /** 1 to {@link #MAX_EPOCH_LENGTH} of {@code [0-9a-z]}; checked for every kept publication a gateway receives. */
    public static boolean validEpoch(String epoch) {
        if (epoch == null || epoch.isEmpty() || epoch.length() > MAX_EPOCH_LENGTH) {
            return false;
        }
        for (int i = 0; i < epoch.length(); i++) {
            char c = epoch.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'z')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A fresh epoch, different from every earlier one with overwhelming probability (63 random bits). Drawn
     * for every kept publication with Redis (the candidate the script takes if the stream has none), so
     * from a source that never blocks; an epoch names a stream's life, it guards nothing.
     */
    public static String newEpoch() {
        return Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    }

    /** Whether this position is in the same life of the stream as {@code other} and at or after it. */
    public boolean reaches(StreamPosition other) {
        return epoch.equals(other.epoch) && offset >= other.offset;
    }
}
