package io.wsfleet.gateway.history;

import java.util.List;

/**
 * What one read of a stream returns: its current position, the store's clock at the time of the read
 * (so that every reading gateway judges age alike), and consecutive kept entries in offset order. With
 * Redis an entry's time is its publication's server timestamp, so its age is off by the publishing
 * gateway's clock skew against Redis: milliseconds under NTP, against a retention of minutes.
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
