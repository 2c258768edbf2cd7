package io.wsfleet.bench.fleet;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Every message the publisher sent, per room in sequence order: the phase it was sent in, and whether
 * the publish API confirmed it (202). Only confirmed messages are owed to the room's members; one whose
 * call failed (a gateway killed while answering) may or may not have been published, and is owed nothing.
 */
final class PublishLog {
    private final List<Room> rooms = new ArrayList<>();

    private static final class Room {
        private final List<Phase> phases = new ArrayList<>();
        private final BitSet confirmed = new BitSet();
        private final BitSet failed = new BitSet();
    }

    PublishLog(int roomCount) {
        for (int i = 0; i < roomCount; i++) {
            rooms.add(new Room());
        }
    }

    /** Logs the next message of {@code room}; returns its sequence. */
    long sent(int room, Phase phase) {
        Room log = rooms.get(room);
        synchronized (log) {
            log.phases.add(phase);
            return log.phases.size() - 1;
        }
    }

    void answered(int room, long sequence, boolean confirmed) {
        Room log = rooms.get(room);
        synchronized (log) {
            (confirmed ? log.confirmed : log.failed).set((int) sequence);
        }
    }

    int rooms() {
        return rooms.size();
    }

    /** How many messages {@code room} was sent. */
    int sent(int room) {
        Room log = rooms.get(room);
        synchronized (log) {
            return log.phases.size();
        }
    }

    boolean confirmed(int room, long sequence) {
        Room log = rooms.get(room);
        synchronized (log) {
            return log.confirmed.get((int) sequence);
        }
    }

    boolean failed(int room, long sequence) {
        Room log = rooms.get(room);
        synchronized (log) {
            return log.failed.get((int) sequence);
        }
    }

    Phase phase(int room, long sequence) {
        Room log = rooms.get(room);
        synchronized (log) {
            return log.phases.get((int) sequence);
        }
    }
}
