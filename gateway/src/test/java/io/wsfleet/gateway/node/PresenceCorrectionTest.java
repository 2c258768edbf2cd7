package io.wsfleet.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiPredicate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsfleet.gateway.auth.Principal;
import io.wsfleet.gateway.broker.memory.MemoryBroker;
import io.wsfleet.gateway.config.Live;
import io.wsfleet.gateway.history.RetentionRules;
import io.wsfleet.gateway.presence.PresenceEvents;
import io.wsfleet.gateway.presence.PresenceStore;
import io.wsfleet.gateway.presence.StoreUnavailableException;
import io.wsfleet.gateway.session.Session;
import io.wsfleet.gateway.session.SessionMeters;
import io.wsfleet.gateway.session.SessionSettings;
import io.wsfleet.gateway.support.SilentTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A presence update that failed while the store stayed connected (a timeout, a full request queue: the
 * soak lost thousands of removals when every client left at once) is corrected by the next round, not
 * left behind until a reconnect that never comes.
 */
class PresenceCorrectionTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    /** The in-memory store, except that the next removals fail and corrections are recorded. */
    private static final class FlakyPresence extends ForwardingPresence {
        int failingRemovals;
        final List<BiPredicate<String, String>> corrections = new ArrayList<>();

        @Override
        public long offline(String userId, String connectionId) {
            if (failingRemovals > 0) {
                failingRemovals--;
                throw new StoreUnavailableException("timed out", null);
            }
            return super.offline(userId, connectionId);
        }

        @Override
        public void removeStale(BiPredicate<String, String> holds, PresenceEvents events) {
            corrections.add(holds);
        }
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aFailedRemovalIsCorrectedOnceByTheNextRoundAndNothingIsCorrectedWithoutOne() {
        FlakyPresence presence = new FlakyPresence();
        Node node = node(presence);
        Session kept = connect(node, "alice");
        Session ended = connect(node, "bob");

        node.correctPresence();
        assertThat(presence.corrections).isEmpty();

        presence.failingRemovals = 1;
        node.disconnect(ended);
        node.correctPresence();
        node.correctPresence();

        assertThat(presence.corrections).hasSize(1);
        BiPredicate<String, String> holds = presence.corrections.getFirst();
        assertThat(holds.test(ended.id(), null)).as("the ended session is stale").isFalse();
        assertThat(holds.test(kept.id(), null)).as("a live session is held").isTrue();
    }

    private Node node(PresenceStore presence) {
        return MemoryNodes.node(presence, scheduler, new SimpleMeterRegistry());
    }

    private static Session connect(Node node, String userId) {
        return node.connect(node.admit(new Principal(userId, Set.of()), 5).orElseThrow(), new SilentTransport());
    }
}
