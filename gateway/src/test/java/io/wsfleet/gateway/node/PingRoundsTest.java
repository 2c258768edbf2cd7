package io.wsfleet.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class PingRoundsTest {
    private final MessageIds ids = new MessageIds();
    private final List<String> sessions = IntStream.range(0, 10_000).mapToObj(i -> ids.next()).toList();

    @Test
    void everySessionIsPingedOncePerIntervalAndEachRoundTakesItsShare() {
        PingRounds rounds = PingRounds.over(Duration.ofSeconds(25));
        Map<String, Integer> pings = new HashMap<>();
        for (long round = 100; round < 125; round++) {
            long share = 0;
            for (String session : sessions) {
                if (rounds.covers(session, round)) {
                    pings.merge(session, 1, Integer::sum);
                    share++;
                }
            }
            // 400 a round on average; never thousands at once.
            assertThat(share).as("round " + round).isBetween(250L, 550L);
        }
        assertThat(pings).hasSize(sessions.size()).allSatisfy((session, count) -> assertThat(count).isOne());
    }

    @Test
    void shortIntervalsPingEverySessionEveryRound() {
        PingRounds rounds = PingRounds.over(Duration.ofSeconds(1));
        assertThat(sessions).allMatch(session -> rounds.covers(session, 7));
        assertThatThrownBy(() -> new PingRounds(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
