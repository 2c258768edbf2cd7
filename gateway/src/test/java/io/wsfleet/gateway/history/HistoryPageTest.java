package io.wsfleet.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class HistoryPageTest {
    private static final Retention RETENTION = new Retention(100, Duration.ofSeconds(60));

    @Test
    void keepsTheNewestThatFitAndListsThemOldestFirst() {
        var entries = RecoveryTest.entries(1, 10, 1_000_000);
        long oneFrame = entries.getFirst().frame().bytes();
        StreamSlice slice = new StreamSlice(new StreamPosition(10, "abc123"), 1_000_000, entries);

        HistoryPage page = HistoryPage.of(slice, RETENTION, oneFrame * 3 + 2);

        assertThat(page.frames()).extracting(frame -> frame.position().offset()).containsExactly(8L, 9L, 10L);
        assertThat(page.position().offset()).isEqualTo(10);
    }

    @Test
    void oneFrameLargerThanTheBoundStillGoesOutAlone() {
        var entries = RecoveryTest.entries(1, 3, 1_000_000);
        StreamSlice slice = new StreamSlice(new StreamPosition(3, "abc123"), 1_000_000, entries);

        assertThat(HistoryPage.of(slice, RETENTION, 1).frames()).hasSize(1);
    }

    @Test
    void leavesOutWhatIsOlderThanTheRetention() {
        var entries = new java.util.ArrayList<>(RecoveryTest.entries(1, 2, 1_000_000 - 61_000));
        entries.addAll(RecoveryTest.entries(3, 4, 1_000_000));
        StreamSlice slice = new StreamSlice(new StreamPosition(4, "abc123"), 1_000_000, entries);

        assertThat(HistoryPage.of(slice, RETENTION, 1 << 20).frames())
                .extracting(frame -> frame.position().offset()).containsExactly(3L, 4L);
    }
}
