package io.wsfleet.gateway.broker.memory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.wsfleet.gateway.broker.Publication;
import io.wsfleet.gateway.protocol.OutboundFrame;
import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.history.KeptEntry;
import io.wsfleet.gateway.history.Retention;
import io.wsfleet.gateway.history.StreamHistory;
import io.wsfleet.gateway.history.StreamPosition;
import io.wsfleet.gateway.history.StreamSlice;

/**
 * The streams of a single gateway: a bounded ring of kept frames per topic, each ring with an epoch of
 * its own (so a ring dropped and created again, or a restarted gateway, never reuses a position).
 * Appending and delivering happen in one step under the topic's map entry, so deliveries follow offset
 * order and a sweep cannot drop a stream between the two.
 */
final class MemoryStreams implements StreamHistory {
    /** How long an idle stream's position is remembered after its last entry expired. */
    static final Duration POSITION_KEPT = Duration.ofHours(24);
    static final int SWEEP_EVERY = 1024;

    private final Map<Topic, Ring> rings = new ConcurrentHashMap<>();
    private final AtomicInteger appends = new AtomicInteger();
    private final LongSupplier clock;

    MemoryStreams(LongSupplier clock) {
        this.clock = clock;
    }

    /** Keeps the publication at the next offset and hands it, carrying its position, to {@code deliver}. */
    void append(Topic topic, Publication publication, Consumer<Publication> deliver) {
        long now = clock.getAsLong();
        if (appends.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
        rings.compute(topic, (key, ring) -> {
            Ring target = ring == null ? new Ring(StreamPosition.newEpoch()) : ring;
            deliver.accept(publication.with(target.append(publication, now)));
            return target;
        });
    }

    @Override
    public CompletionStage<StreamSlice> after(Topic topic, long after, int max, Retention retention) {
        return read(topic, ring -> ring.after(after, max));
    }

    @Override
    public CompletionStage<StreamSlice> before(Topic topic, long before, int max, Retention retention) {
        return read(topic, ring -> ring.before(before, max));
    }

    private CompletionStage<StreamSlice> read(Topic topic, Function<Ring, List<KeptEntry>> entries) {
        long now = clock.getAsLong();
        StreamSlice[] slice = new StreamSlice[1];
        rings.compute(topic, (key, ring) -> {
            Ring target = ring == null ? new Ring(StreamPosition.newEpoch()) : ring;
            target.touch(now);
            slice[0] = new StreamSlice(target.position(), now, entries.apply(target));
            return target;
        });
        return CompletableFuture.completedFuture(slice[0]);
    }

    /** Drops expired entries, and the rings idle for longer than {@link #POSITION_KEPT}. */
    private void sweep(long now) {
        for (Topic topic : rings.keySet()) {
            rings.computeIfPresent(topic, (key, ring) -> ring.expire(now) ? null : ring);
        }
    }

    int streamCount() {
        return rings.size();
    }

    /** One topic's kept frames, oldest first. Accessed only inside its map entry's compute. */
    private static final class Ring {
        private final String epoch;
        private final ArrayDeque<KeptEntry> entries = new ArrayDeque<>();
        private long offset;
        private long lastUsed;
        private Duration ttl = Duration.ZERO;

        Ring(String epoch) {
            this.epoch = epoch;
        }

        StreamPosition position() {
            return new StreamPosition(offset, epoch);
        }

        void touch(long now) {
            lastUsed = now;
        }

        OutboundFrame append(Publication publication, long now) {
            offset++;
            lastUsed = now;
            Retention retention = publication.retention();
            ttl = retention.ttl();
            KeptEntry entry = new KeptEntry(publication.frame().at(position()), now);
            entries.addLast(entry);
            while (entries.size() > retention.size()) {
                entries.removeFirst();
            }
            return entry.frame();
        }

        List<KeptEntry> after(long after, int max) {
            List<KeptEntry> found = new ArrayList<>();
            for (KeptEntry entry : entries) {
                if (entry.offset() > after && found.size() < max) {
                    found.add(entry);
                }
            }
            return found;
        }

        List<KeptEntry> before(long before, int max) {
            ArrayDeque<KeptEntry> found = new ArrayDeque<>();
            Iterator<KeptEntry> newestFirst = entries.descendingIterator();
            while (newestFirst.hasNext() && found.size() < max) {
                KeptEntry entry = newestFirst.next();
                if (entry.offset() < before) {
                    found.addFirst(entry);
                }
            }
            return List.copyOf(found);
        }

        /** Drops expired entries; true if the ring is empty and idle long enough to be forgotten. */
        boolean expire(long now) {
            while (!entries.isEmpty() && entries.peekFirst().keptAtMillis() < now - ttl.toMillis()) {
                entries.removeFirst();
            }
            return entries.isEmpty() && now - lastUsed > POSITION_KEPT.toMillis();
        }
    }
}
