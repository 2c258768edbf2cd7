package io.wsfleet.gateway.broker.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.wsfleet.gateway.broker.Once;
import io.wsfleet.gateway.broker.Topic;
import org.junit.jupiter.api.Test;

class RecentMessageIdsTest {
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private final AtomicLong clock = new AtomicLong();
    private final RecentMessageIds recent = new RecentMessageIds(clock::get);
    private final Topic lobby = new Topic.Room("lobby");

    private static Once once(String user, String clientId, String serverId) {
        return new Once(user, clientId, serverId, WINDOW);
    }

    @Test
    void aRepeatWithinTheWindowGetsTheFirstServerId() {
        assertThat(recent.claim(lobby, once("alice", "m1", "s1"))).isEqualTo("s1");
        clock.addAndGet(WINDOW.toNanos() - 1);
        assertThat(recent.claim(lobby, once("alice", "m1", "s2"))).isEqualTo("s1");
    }

    @Test
    void afterTheWindowTheIdCountsAsNew() {
        recent.claim(lobby, once("alice", "m1", "s1"));
        clock.addAndGet(WINDOW.toNanos());
        assertThat(recent.claim(lobby, once("alice", "m1", "s2"))).isEqualTo("s2");
    }

    @Test
    void otherUsersTopicsAndIdsAreOtherMessages() {
        recent.claim(lobby, once("alice", "m1", "s1"));
        assertThat(recent.claim(lobby, once("bob", "m1", "s2"))).isEqualTo("s2");
        assertThat(recent.claim(new Topic.Room("other"), once("alice", "m1", "s3"))).isEqualTo("s3");
        assertThat(recent.claim(lobby, once("alice", "m2", "s4"))).isEqualTo("s4");
        // A user id ending like another's message id cannot collide: the key carries the length.
        assertThat(recent.claim(lobby, once("alice:m", "1", "s5"))).isEqualTo("s5");
    }

    @Test
    void expiredEntriesAreSweptSoTheMapStaysBounded() {
        for (int i = 0; i < RecentMessageIds.SWEEP_EVERY - 1; i++) {
            recent.claim(lobby, once("alice", "m" + i, "s" + i));
        }
        clock.addAndGet(WINDOW.toNanos());
        recent.claim(lobby, once("alice", "fresh", "s-fresh"));
        assertThat(recent.size()).isEqualTo(1);
    }
}
