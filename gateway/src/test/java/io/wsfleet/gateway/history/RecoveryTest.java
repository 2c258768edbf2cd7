package io.wsfleet.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.wsfleet.gateway.protocol.MessageType;
import io.wsfleet.gateway.protocol.OutboundFrame;
import org.junit.jupiter.api.Test;

class RecoveryTest {
    private static final String EPOCH = "abc123";
    private static final long NOW = 1_000_000;
    private static final Retention KEEP_10_FOR_60S = new Retention(10, Duration.ofSeconds(60));

    @Test
    void recoversExactlyTheOffsetsAfterTheClientsPosition() {
        Recovery recovery = Recovery.decide(at(3), slice(8, entries(4, 8, NOW)), KEEP_10_FOR_60S, 1 << 20);

        assertThat(recovery.recovered()).isTrue();
        assertThat(recovery.position()).isEqualTo(at(8));
        assertThat(recovery.frames()).extracting(frame -> frame.position().offset()).containsExactly(4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void aClientAtTheCurrentPositionIsRecoveredWithNothingToReplay() {
        Recovery recovery = Recovery.decide(at(8), slice(8, List.of()), KEEP_10_FOR_60S, 1 << 20);

        assertThat(recovery.recovered()).isTrue();
        assertThat(recovery.frames()).isEmpty();
    }

    @Test
    void anotherEpochOrAPositionAheadOfTheStreamIsNotRecovered() {
        assertNotRecovered(Recovery.decide(new StreamPosition(3, "other"), slice(8, entries(4, 8, NOW)),
                KEEP_10_FOR_60S, 1 << 20));
        assertNotRecovered(Recovery.decide(at(9), slice(8, entries(4, 8, NOW)), KEEP_10_FOR_60S, 1 << 20));
    }

    @Test
    void aTrimmedOffsetIsNotRecovered() {
        // Offset 4 is gone: the stream keeps 5..8 only.
        assertNotRecovered(Recovery.decide(at(3), slice(8, entries(5, 8, NOW)), KEEP_10_FOR_60S, 1 << 20));
    }

    @Test
    void anEntryOlderThanTheRetentionIsNotRecovered() {
        List<KeptEntry> entries = new ArrayList<>(entries(4, 4, NOW - 61_000));
        entries.addAll(entries(5, 8, NOW));
        assertNotRecovered(Recovery.decide(at(3), slice(8, entries), KEEP_10_FOR_60S, 1 << 20));
        assertThat(Recovery.decide(at(4), slice(8, entries.subList(1, 5)), KEEP_10_FOR_60S, 1 << 20).recovered()).isTrue();
    }

    @Test
    void aReplayLargerThanTheBoundIsRefusedRatherThanSent() {
        List<KeptEntry> entries = entries(4, 8, NOW);
        long bytes = entries.stream().mapToLong(entry -> entry.frame().bytes()).sum();

        assertNotRecovered(Recovery.decide(at(3), slice(8, entries), KEEP_10_FOR_60S, bytes - 1));
        assertThat(Recovery.decide(at(3), slice(8, entries), KEEP_10_FOR_60S, bytes).recovered()).isTrue();
    }

    @Test
    void aClientWithoutAPositionIsToldWhereTheStreamStands() {
        Recovery start = Recovery.start(slice(8, List.of()));

        assertThat(start.recovered()).isFalse();
        assertThat(start.position()).isEqualTo(at(8));
        assertThat(start.frames()).isEmpty();
    }

    private static void assertNotRecovered(Recovery recovery) {
        assertThat(recovery.recovered()).isFalse();
        assertThat(recovery.frames()).isEmpty();
        assertThat(recovery.position()).isEqualTo(at(8));
    }

    private static StreamPosition at(long offset) {
        return new StreamPosition(offset, EPOCH);
    }

    private static StreamSlice slice(long current, List<KeptEntry> entries) {
        return new StreamSlice(at(current), NOW, entries);
    }

    static List<KeptEntry> entries(long from, long to, long keptAt) {
        List<KeptEntry> entries = new ArrayList<>();
        for (long offset = from; offset <= to; offset++) {
            OutboundFrame frame = OutboundFrame.of("{\"type\":\"room_message\",\"payload\":{\"n\":" + offset + "}}",
                    MessageType.ROOM_MESSAGE, keptAt);
            entries.add(new KeptEntry(frame.at(new StreamPosition(offset, EPOCH)), keptAt));
        }
        return entries;
    }
}
