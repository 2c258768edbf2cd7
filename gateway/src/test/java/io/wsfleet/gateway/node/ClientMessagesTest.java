package io.wsfleet.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsfleet.gateway.auth.Principal;
import io.wsfleet.gateway.broker.memory.MemoryBroker;
import io.wsfleet.gateway.config.GatewayConfig;
import io.wsfleet.gateway.config.Live;
import io.wsfleet.gateway.history.RetentionRules;
import io.wsfleet.gateway.limits.LimitRefusals;
import io.wsfleet.gateway.limits.RateLimits;
import io.wsfleet.gateway.presence.MemoryPresence;
import io.wsfleet.gateway.presence.PresenceStore;
import io.wsfleet.gateway.room.AccessPolicy;
import io.wsfleet.gateway.room.MemoryRoomDirectory;
import io.wsfleet.gateway.session.Session;
import io.wsfleet.gateway.session.SessionMeters;
import io.wsfleet.gateway.session.SessionSettings;
import io.wsfleet.gateway.session.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientMessagesTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<String> sent = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** A presence store with a bug: joins throw something no caller expects. */
    private static final class BrokenPresence implements PresenceStore {
        private final MemoryPresence working = new MemoryPresence();

        @Override
        public Connected connect(String userId, String connectionId) {
            return working.connect(userId, connectionId);
        }

        @Override
        public boolean disconnect(String userId, String connectionId) {
            return working.disconnect(userId, connectionId);
        }

        @Override
        public int devices(String userId) {
            return working.devices(userId);
        }

        @Override
        public boolean join(String roomId, String userId, String connectionId) {
            throw new IllegalStateException("secret internal detail");
        }

        @Override
        public boolean leave(String roomId, String userId, String connectionId) {
            return working.leave(roomId, userId, connectionId);
        }

        @Override
        public Set<String> members(String roomId) {
            return working.members(roomId);
        }
    }

    @Test
    void anUnexpectedFailureIsAnsweredWithAnInternalErrorAndNoDetails() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SessionSettings settings = new SessionSettings(1 << 20, Duration.ofSeconds(5),
                Executors.newVirtualThreadPerTaskExecutor(), scheduler, SessionMeters.register(registry));
        Node node = new Node(new MemoryBroker(), new BrokenPresence(), settings, false, new Live<>(RetentionRules.NONE));
        GatewayConfig.Limits limits = new GatewayConfig.Limits(5, 1000, 1000, 100);
        ClientMessages messages = new ClientMessages(node,
                new AccessPolicy(new MemoryRoomDirectory(List.of()), GatewayConfig.UnknownRoomPolicy.PUBLIC),
                new Live<>(RateLimits.local(limits)), Duration.ofMinutes(10), 1 << 19, registry,
                new LimitRefusals(registry));
        Session session = node.connect(new Principal("alice", Set.of()), new RecordingTransport());

        messages.onText(session, "{\"type\":\"join_room\",\"payload\":{\"room_id\":\"lobby\"},\"message_id\":\"j1\"}");
        messages.onText(session, "{\"type\":\"ping\",\"message_id\":\"p1\"}");

        await().until(() -> sent.stream().anyMatch(text -> text.contains("\"type\":\"pong\"")));
        assertThat(sent).anySatisfy(text -> assertThat(text)
                .contains("\"code\":\"internal\"", "\"message\":\"internal error\"", "\"message_id\":\"j1\""));
        assertThat(sent).noneSatisfy(text -> assertThat(text).contains("secret internal detail"));
    }

    private final class RecordingTransport implements Transport {
        @Override
        public void sendText(String text) {
            sent.add(text);
        }

        @Override
        public void ping() {
        }

        @Override
        public void close(int code, String reason) {
            sent.add("close " + code);
        }

        @Override
        public void abort() {
        }
    }
}
