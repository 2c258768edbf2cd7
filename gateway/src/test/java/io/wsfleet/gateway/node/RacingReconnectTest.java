package io.wsfleet.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsfleet.gateway.auth.Principal;
import io.wsfleet.gateway.session.Session;
import io.wsfleet.gateway.support.RecordingTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A user whose new connection joined a room before the departure of its previous one was announced there
 * (a reconnect within one store round trip, with the reconnect grace off) is not told that it left or went
 * offline; the room's other members are.
 */
class RacingReconnectTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** Connects alice again, into the lobby, the moment her last device is recorded offline. */
    private final class ReconnectingPresence extends ForwardingPresence {
        Runnable onOffline = () -> { };

        @Override
        public long offline(String userId, String connectionId) {
            long seq = super.offline(userId, connectionId);
            Runnable reconnect = onOffline;
            onOffline = () -> { };
            reconnect.run();
            return seq;
        }
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void theReconnectedDeviceHearsNothingOfItsOwnDepartureAndTheOthersHearIt() {
        ReconnectingPresence presence = new ReconnectingPresence();
        Node node = MemoryNodes.node(presence, scheduler, registry);
        ClientMessages messages = MemoryNodes.messages(node, registry);
        List<String> toBob = new CopyOnWriteArrayList<>();
        List<String> toAlicesNewDevice = new CopyOnWriteArrayList<>();
        Session alice = join(node, messages, "alice", new CopyOnWriteArrayList<>());
        join(node, messages, "bob", toBob);
        presence.onOffline = () -> join(node, messages, "alice", toAlicesNewDevice);

        node.disconnect(alice);

        await().until(() -> toBob.stream().anyMatch(text -> text.startsWith("{\"type\":\"user_offline\"")));
        assertThat(toBob).filteredOn(text -> text.contains("\"user_id\":\"alice\""))
                .anySatisfy(text -> assertThat(text).startsWith("{\"type\":\"user_left\""))
                .anySatisfy(text -> assertThat(text).startsWith("{\"type\":\"user_offline\""));
        assertThat(toAlicesNewDevice).noneSatisfy(text -> assertThat(text).startsWith("{\"type\":\"user_left\""))
                .noneSatisfy(text -> assertThat(text).startsWith("{\"type\":\"user_offline\""));
    }

    private Session join(Node node, ClientMessages messages, String userId, List<String> received) {
        Session session = node.connect(node.admit(new Principal(userId, Set.of()), 5).orElseThrow(),
                new RecordingTransport(received));
        messages.onText(session, "{\"type\":\"join_room\",\"payload\":{\"room_id\":\"lobby\"},\"message_id\":\"j\"}");
        await().until(() -> received.stream().anyMatch(text -> text.startsWith("{\"type\":\"ack\"")));
        return session;
    }
}
