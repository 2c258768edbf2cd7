package io.wsfleet.gateway.session;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wsfleet.gateway.protocol.MessageType;
import io.wsfleet.gateway.protocol.OutboundFrame;

/**
 * What the session writers report: frames and bytes written, the time from a published frame's server
 * timestamp to its write, and slow readers cut off. Meters are looked up once here, not per frame.
 */
public final class SessionMeters {
    /** Histogram buckets of the delivery latency: from a millisecond to ten seconds. */
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};

    private final Map<MessageType, Counter> delivered = new EnumMap<>(MessageType.class);
    private final Counter outboundBytes;
    private final Timer deliveryLatency;
    private final Counter droppedFrames;
    private final Counter slowClientCloses;

    private SessionMeters(MeterRegistry registry) {
        for (MessageType type : MessageType.values()) {
            if (type.clientSendable() && !type.published()) {
                continue; // ping, join_room, leave_room: the server never sends them
            }
            delivered.put(type, Counter.builder("wsfleet.messages.delivered")
                    .description("Frames written to client sockets, by type")
                    .tag("type", type.wireName())
                    .register(registry));
        }
        this.outboundBytes = Counter.builder("wsfleet.outbound").baseUnit("bytes")
                .description("UTF-8 bytes of the text frames written to client sockets")
                .register(registry);
        this.deliveryLatency = Timer.builder("wsfleet.delivery.latency")
                .description("From a published frame's server timestamp to the moment it was written to a client socket")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        this.droppedFrames = Counter.builder("wsfleet.outbound.dropped.frames")
                .description("Frames discarded unwritten because a slow client's outbound queue overflowed")
                .register(registry);
        this.slowClientCloses = Counter.builder("wsfleet.slow.client.closes")
                .description("Connections closed with 4100 because their outbound queue overflowed")
                .register(registry);
    }

    public static SessionMeters register(MeterRegistry registry) {
        return new SessionMeters(registry);
    }

    /** A frame went out on the socket. */
    void written(OutboundFrame frame) {
        delivered.get(frame.type()).increment();
        outboundBytes.increment(frame.bytes());
        if (frame.type().published()) {
            // Another gateway's clock may be a little ahead: never a negative latency.
            deliveryLatency.record(Math.max(0, System.currentTimeMillis() - frame.timestamp()), TimeUnit.MILLISECONDS);
        }
    }

    /** A slow client's queue overflowed: its frames (and the one offered) are dropped, and it is being closed. */
    void overflowed(int framesDropped) {
        droppedFrames.increment(framesDropped);
        slowClientCloses.increment();
    }
}
