package io.wsfleet.gateway.history;

import java.util.List;

/**
 * What one read of a stream returns: its current position, the store's clock at the time of the read
 * (so that age is judged on one clock for every gateway), and consecutive kept entries in offset order.
 */
public record StreamSlice(StreamPosition position, long nowMillis, List<KeptEntry> entries) {

    public StreamSlice {
        entries = List.copyOf(entries);
    }

    /** The entries that are still within the retention's age. */
    List<KeptEntry> fresh(Retention retention) {
        long oldest = nowMillis - retention.ttl().toMillis();
        return entries.stream().filter(entry -> entry.keptAtMillis() >= oldest).toList();
    }
}
