package io.wsfleet.gateway.node;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.micrometer.core.instrument.MeterRegistry;
import io.wsfleet.gateway.broker.memory.MemoryBroker;
import io.wsfleet.gateway.config.GatewayConfig;
import io.wsfleet.gateway.config.Live;
import io.wsfleet.gateway.history.RetentionRules;
import io.wsfleet.gateway.limits.LimitRefusals;
import io.wsfleet.gateway.limits.RateLimits;
import io.wsfleet.gateway.presence.PresenceStore;
import io.wsfleet.gateway.room.AccessPolicy;
import io.wsfleet.gateway.room.MemoryRoomDirectory;
import io.wsfleet.gateway.session.SessionMeters;
import io.wsfleet.gateway.session.SessionSettings;

/** Nodes for unit tests: an in-memory broker, no history, presence announced at once. */
final class MemoryNodes {
    private MemoryNodes() {
    }

    static Node node(PresenceStore presence, ScheduledExecutorService scheduler, MeterRegistry registry) {
        SessionSettings settings = new SessionSettings(1 << 20, Duration.ofSeconds(5),
                Executors.newVirtualThreadPerTaskExecutor(), scheduler, SessionMeters.register(registry));
        return new Node(new MemoryBroker(), presence, settings, new GatewayConfig.Presence(false, Duration.ZERO),
                new Live<>(RetentionRules.NONE));
    }

    /** Client messages for {@code node}: every room public, limits no test reaches. */
    static ClientMessages messages(Node node, MeterRegistry registry) {
        GatewayConfig.Limits limits = new GatewayConfig.Limits(5, 1000, 1000, 100);
        return new ClientMessages(node,
                new AccessPolicy(new MemoryRoomDirectory(List.of()), GatewayConfig.UnknownRoomPolicy.PUBLIC),
                new Live<>(RateLimits.local(limits)), Duration.ofMinutes(10), 1 << 19, registry,
                new LimitRefusals(registry));
    }
}
