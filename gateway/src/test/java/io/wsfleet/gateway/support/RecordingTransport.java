package io.wsfleet.gateway.support;

import java.util.List;

import io.wsfleet.gateway.protocol.OutboundFrame;

/** A transport that writes each frame's text, and each close as {@code close <code>}, to {@code received}. */
public final class RecordingTransport extends SilentTransport {
    private final List<String> received;

    /** @param received a thread-safe list: frames are sent from the session's writer thread */
    public RecordingTransport(List<String> received) {
        this.received = received;
    }

    @Override
    public void send(List<OutboundFrame> frames) {
        frames.forEach(frame -> received.add(frame.text()));
    }

    @Override
    public void close(int code, String reason) {
        received.add("close " + code);
    }
}
