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
import io.wsfleet.gateway.broker.Publication;
import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.presence.MemoryPresence;
import io.wsfleet.gateway.presence.PresenceStore;
import io.wsfleet.gateway.protocol.MessageType;
import io.wsfleet.gateway.session.Session;
import io.wsfleet.gateway.support.RecordingTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientMessagesTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** A presence store with a bug: joins throw something no caller expects. */
    /** A store whose joins fail in a way nobody planned for. */
    private static final class BrokenPresence extends ForwardingPresence {
        @Override
        public boolean join(String roomId, String userId, String connectionId) {
            throw new IllegalStateException("secret internal detail");
        }
    }

    @Test
    void anUnexpectedFailureIsAnsweredWithAnInternalErrorAndNoDetails() {
        Node node = node(new BrokenPresence());
        ClientMessages messages = MemoryNodes.messages(node, registry);
        Session session = node.connect(node.admit(new Principal("alice", Set.of()), 5).orElseThrow(), new RecordingTransport(sent));

        messages.onText(session, "{\"type\":\"join_room\",\"payload\":{\"room_id\":\"lobby\"},\"message_id\":\"j1\"}");
        messages.onText(session, "{\"type\":\"ping\",\"message_id\":\"p1\"}");

        await().until(() -> sent.stream().anyMatch(text -> text.contains("\"type\":\"pong\"")));
        assertThat(sent).anySatisfy(text -> assertThat(text)
                .contains("\"code\":\"internal\"", "\"message\":\"internal error\"", "\"message_id\":\"j1\""));
        assertThat(sent).noneSatisfy(text -> assertThat(text).contains("secret internal detail"));
    }

    @Test
    void aUsersPresenceEventOlderThanOneDeliveredIsDroppedSoSubscribersEndWithTheLatestState() {
        Node node = node(new MemoryPresence());
        ClientMessages messages = MemoryNodes.messages(node, registry);
        Session watcher = node.connect(node.admit(new Principal("watcher", Set.of()), 5).orElseThrow(), new RecordingTransport(sent));
        messages.onText(watcher, "{\"type\":\"presence_subscribe\",\"payload\":{\"user_ids\":[\"bob\"]},\"message_id\":\"s1\"}");
        await().until(() -> sent.stream().anyMatch(text -> text.contains("\"message_id\":\"s1\"")));

        // As two gateways may publish them: bob's offline (seq 7) arrives before his earlier online (seq 5).
        deliver(node, MessageType.USER_OFFLINE, 7);
        deliver(node, MessageType.USER_ONLINE, 5);
        deliver(node, MessageType.USER_ONLINE, 9);

        await().until(() -> sent.stream().filter(text -> text.contains("\"user_id\":\"bob\"")).count() == 2);
        assertThat(sent).filteredOn(text -> text.contains("\"user_id\":\"bob\""))
                .satisfiesExactly(first -> assertThat(first).contains("user_offline", "\"seq\":7"),
                        second -> assertThat(second).contains("user_online", "\"seq\":9"));
    }

    private static void deliver(Node node, MessageType type, long seq) {
        var payload = node.frames().object().put("user_id", "bob").put("seq", seq);
        node.deliver(new Topic.Presence("bob"), new Publication(node.frames().event(type, payload, "bob").frame(),
                Publication.Exclusion.NONE));
    }

    private Node node(PresenceStore presence) {
        return MemoryNodes.node(presence, scheduler, registry);
    }
}
