package io.wsfleet.gateway.history;

import io.wsfleet.gateway.protocol.OutboundFrame;

/** One kept publication: its frame (carrying its position) and when it was kept, in epoch milliseconds. */
public record KeptEntry(OutboundFrame frame, long keptAtMillis) {

    public long offset() {
        return frame.position().offset();
    }
}
