package io.wsfleet.gateway.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * When each of {@code count} connections is closed within a window: the window is cut into slices of
 * about a second, each slice takes an equal share of the connections (the first ones one more when
 * the count does not divide), and each connection gets a random moment within its slice. So at most
 * {@code ceil(count / slices)} clients reconnect per slice, and never in lockstep.
 */
public final class ClosePlan {
    private ClosePlan() {
    }

    /** The moments, from the start of the window, in ascending order; all zero for a zero window. */
    public static List<Duration> spread(int count, Duration window, RandomGenerator random) {
        List<Duration> moments = new ArrayList<>(count);
        if (window.isZero()) {
            for (int i = 0; i < count; i++) {
                moments.add(Duration.ZERO);
            }
            return moments;
        }
        int slices = (int) Math.max(1, window.toSeconds());
        long sliceNanos = window.toNanos() / slices;
        for (int slice = 0; slice < slices; slice++) {
            int share = count / slices + (slice < count % slices ? 1 : 0);
            List<Duration> inSlice = new ArrayList<>(share);
            for (int i = 0; i < share; i++) {
                inSlice.add(Duration.ofNanos(slice * sliceNanos + random.nextLong(sliceNanos)));
            }
            inSlice.sort(null);
            moments.addAll(inSlice);
        }
        return moments;
    }
}
