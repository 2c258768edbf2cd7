package io.wsfleet.gateway.support;

import java.util.List;

import io.wsfleet.gateway.protocol.OutboundFrame;
import io.wsfleet.gateway.session.Transport;

/** A transport that accepts everything and writes nowhere, for tests that never look at what is sent (and the base of {@link RecordingTransport}). */
public class SilentTransport implements Transport {
    @Override
    public void send(List<OutboundFrame> frames) {
    }

    @Override
    public void ping() {
    }

    @Override
    public void close(int code, String reason) {
    }

    @Override
    public void abort() {
    }
}
