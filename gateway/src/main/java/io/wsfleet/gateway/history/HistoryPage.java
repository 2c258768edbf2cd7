package io.wsfleet.gateway.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.wsfleet.gateway.protocol.OutboundFrame;

/**
 * The answer to a history request: the newest kept frames below a point, oldest first, as many as the
 * limit asks and as fit in {@code maxBytes} (a client pages back with {@code before} = the first offset).
 */
public record HistoryPage(List<OutboundFrame> frames, StreamPosition position) {

    public HistoryPage {
        frames = List.copyOf(frames);
    }

    public static HistoryPage of(StreamSlice slice, Retention retention, long maxBytes) {
        List<KeptEntry> fresh = slice.fresh(retention);
        List<OutboundFrame> newestFirst = new ArrayList<>();
        long bytes = 0;
        for (int i = fresh.size() - 1; i >= 0; i--) {
            OutboundFrame frame = fresh.get(i).frame();
            bytes += frame.bytes();
            if (bytes > maxBytes && !newestFirst.isEmpty()) {
                break;
            }
            newestFirst.add(frame);
        }
        Collections.reverse(newestFirst);
        return new HistoryPage(newestFirst, slice.position());
    }
}
