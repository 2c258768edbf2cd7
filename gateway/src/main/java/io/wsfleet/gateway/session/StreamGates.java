package io.wsfleet.gateway.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.history.StreamPosition;
import io.wsfleet.gateway.protocol.OutboundFrame;

/**
 * The streams of one session whose live frames are held back while the session catches up on them
 * (a join with recovery, the user stream until {@code resume}): the live frames wait here, and on
 * release the catch-up goes out first, then the held frames that it did not already contain. So a
 * client sees one sequence without a gap or a duplicate, however the catch-up races the publications.
 *
 * <p>A publication the catch-up read can still arrive live after the release: the broker delivers on
 * one connection and answers reads on another. So a release leaves a fence at the replay's end that
 * drops such late frames, until the first frame beyond it shows that the channel has caught up (a
 * channel delivers in offset order).
 *
 * <p>A hold is either claimed by a catch-up (which alone releases it) or waits for one (the user
 * stream, until the connection's first message or a timeout). A stream is held before the session can
 * receive its frames (before it is registered for the room or user), so a delivery that finds nothing
 * held or fenced needs no lock.
 */
final class StreamGates {
    private static final class Hold {
        final List<OutboundFrame> frames = new ArrayList<>();
        boolean claimed;
    }

    private final Map<Topic, Hold> held = new HashMap<>();
    private final Map<Topic, StreamPosition> fences = new HashMap<>();
    private volatile boolean guarding;

    synchronized void hold(Topic topic, boolean claimed) {
        held.computeIfAbsent(topic, key -> new Hold()).claimed |= claimed;
        fences.remove(topic);
        guarding = true;
    }

    /** Takes a waiting hold for a catch-up; false if the stream is not held or already claimed. */
    synchronized boolean claim(Topic topic) {
        Hold hold = held.get(topic);
        if (hold == null || hold.claimed) {
            return false;
        }
        hold.claimed = true;
        return true;
    }

    /** Sends the frame now, keeps it for the release if the topic is held, or drops it if a replay had it. */
    void deliver(Topic topic, OutboundFrame frame, Consumer<OutboundFrame> send) {
        if (!guarding) {
            send.accept(frame);
            return;
        }
        synchronized (this) {
            Hold hold = held.get(topic);
            if (hold != null) {
                hold.frames.add(frame);
                return;
            }
            StreamPosition fence = fences.get(topic);
            if (fence != null && frame.kept()) {
                if (!beyond(frame, fence)) {
                    return;
                }
                fences.remove(topic);
                guarding = !held.isEmpty() || !fences.isEmpty();
            }
            send.accept(frame);
        }
    }

    /** Ends a hold that no catch-up claimed: its frames go out as they are. */
    synchronized void releaseUnclaimed(Topic topic, Consumer<OutboundFrame> send) {
        Hold hold = held.get(topic);
        if (hold != null && !hold.claimed) {
            release(topic, List.of(), null, send);
        }
    }

    /**
     * Ends holding the topic: sends {@code first} (the answer and the replay), then each held frame that
     * lies beyond {@code upTo} (every held frame if it is {@code null}).
     */
    synchronized void release(Topic topic, List<OutboundFrame> first, StreamPosition upTo, Consumer<OutboundFrame> send) {
        Hold hold = held.remove(topic);
        first.forEach(send);
        StreamPosition fence = upTo;
        if (hold != null) {
            for (OutboundFrame frame : hold.frames) {
                if (beyond(frame, fence)) {
                    send.accept(frame);
                    if (frame.kept()) {
                        fence = null; // a frame beyond the replay came through the channel: nothing older follows
                    }
                }
            }
        }
        if (fence != null) {
            fences.put(topic, fence);
        }
        guarding = !held.isEmpty() || !fences.isEmpty();
    }

    /** Whether the replay up to {@code upTo} did not already contain the frame. */
    private static boolean beyond(OutboundFrame frame, StreamPosition upTo) {
        return upTo == null || !frame.kept() || !frame.position().epoch().equals(upTo.epoch())
                || frame.position().offset() > upTo.offset();
    }
}
