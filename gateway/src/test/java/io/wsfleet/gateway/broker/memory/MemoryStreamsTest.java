package io.wsfleet.gateway.broker.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.wsfleet.gateway.broker.Publication;
import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.history.Retention;
import io.wsfleet.gateway.history.StreamSlice;
import io.wsfleet.gateway.protocol.MessageType;
import io.wsfleet.gateway.protocol.OutboundFrame;
import org.junit.jupiter.api.Test;

class MemoryStreamsTest {
    private static final Topic ROOM = new Topic.Room("lobby");
    private static final Retention KEEP_3 = new Retention(3, Duration.ofSeconds(10));
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final MemoryStreams streams = new MemoryStreams(clock::get);
    private final List<OutboundFrame> delivered = new ArrayList<>();

    @Test
    void eachPublicationGetsTheNextOffsetAndIsDeliveredCarryingIt() {
        append(ROOM, "a");
        append(ROOM, "b");

        assertThat(delivered).extracting(frame -> frame.position().offset()).containsExactly(1L, 2L);
        assertThat(delivered.get(1).text()).endsWith(",\"offset\":2,\"epoch\":\"" + delivered.get(1).position().epoch() + "\"}");
        assertThat(delivered.get(0).position().epoch()).isEqualTo(delivered.get(1).position().epoch());
    }

    @Test
    void keepsTheLastSizePublicationsAndReadsThemInBothDirections() {
        for (int i = 0; i < 5; i++) {
            append(ROOM, "m" + i);
        }
        StreamSlice after = read(streams.after(ROOM, 1, 10, KEEP_3));
        assertThat(after.position().offset()).isEqualTo(5);
        assertThat(after.entries()).extracting(entry -> entry.offset()).containsExactly(3L, 4L, 5L);
        assertThat(read(streams.before(ROOM, 5, 2, KEEP_3)).entries()).extracting(entry -> entry.offset())
                .containsExactly(3L, 4L);
    }

    @Test
    void streamsHaveEpochsOfTheirOwnAndAnUnusedOneStartsAtZero() {
        append(ROOM, "a");
        StreamSlice other = read(streams.position(new Topic.Room("other"), KEEP_3));

        assertThat(other.position().offset()).isZero();
        assertThat(other.position().epoch()).isNotEqualTo(delivered.getFirst().position().epoch());
    }

    @Test
    void aSweepForgetsStreamsIdleForADayAndAFreshOneTakesANewEpoch() {
        append(ROOM, "a");
        String epoch = delivered.getFirst().position().epoch();
        clock.addAndGet(MemoryStreams.POSITION_KEPT.toMillis() + 1);
        for (int i = 0; i < MemoryStreams.SWEEP_EVERY; i++) {
            append(new Topic.User("u" + (i % 2)), "x");
        }
        assertThat(streams.streamCount()).isEqualTo(2);
        assertThat(read(streams.position(ROOM, KEEP_3)).position().epoch()).isNotEqualTo(epoch);
    }

    private void append(Topic topic, String text) {
        OutboundFrame frame = OutboundFrame.of("{\"type\":\"room_message\",\"payload\":\"" + text + "\"}",
                MessageType.ROOM_MESSAGE, clock.get());
        streams.append(topic, new Publication(frame, Publication.Exclusion.NONE, KEEP_3),
                kept -> delivered.add(kept.frame()));
    }

    private static StreamSlice read(java.util.concurrent.CompletionStage<StreamSlice> stage) {
        return stage.toCompletableFuture().join();
    }
}
