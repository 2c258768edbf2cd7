package io.wsfleet.gateway.history;

import java.util.List;

import io.wsfleet.gateway.protocol.OutboundFrame;

/**
 * The answer to a client that comes back with the last position it saw: either every publication it
 * missed (exactly offsets {@code since+1 .. position}), or {@code recovered = false} and nothing. Never
 * a part of what was missed.
 */
public record Recovery(StreamPosition position, boolean recovered, List<OutboundFrame> frames) {

    public Recovery {
        frames = List.copyOf(frames);
    }

    /**
     * Decides from a read of the entries after {@code since.offset()}.
     *
     * @param maxBytes the most a replay may queue on the connection; a larger one is refused, not sent
     */
    public static Recovery decide(StreamPosition since, StreamSlice slice, Retention retention, long maxBytes) {
        StreamPosition current = slice.position();
        if (!since.epoch().equals(current.epoch()) || since.offset() > current.offset()) {
            return notRecovered(current);
        }
        long missed = current.offset() - since.offset();
        if (missed == 0) {
            return new Recovery(current, true, List.of());
        }
        List<KeptEntry> fresh = slice.fresh(retention);
        if (fresh.size() != missed || fresh.getFirst().offset() != since.offset() + 1
                || fresh.getLast().offset() != current.offset()) {
            return notRecovered(current); // trimmed, expired, or kept beyond what one read returns
        }
        long bytes = fresh.stream().mapToLong(entry -> entry.frame().bytes()).sum();
        if (bytes > maxBytes) {
            return notRecovered(current);
        }
        return new Recovery(current, true, fresh.stream().map(KeptEntry::frame).toList());
    }

    /** What a client without a position gets: where the stream stands, to track it from there on. */
    public static Recovery start(StreamSlice slice) {
        return new Recovery(slice.position(), false, List.of());
    }

    private static Recovery notRecovered(StreamPosition current) {
        return new Recovery(current, false, List.of());
    }
}
