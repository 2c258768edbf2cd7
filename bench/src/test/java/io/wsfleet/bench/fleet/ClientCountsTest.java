package io.wsfleet.bench.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsfleet.bench.measure.Marker;
import org.junit.jupiter.api.Test;

class ClientCountsTest {

    @Test
    void anIntervalsDeliveriesHoldItsLiveOnesAndItsReplaysOnceEach() {
        ClientCounts counts = new ClientCounts();
        long now = System.nanoTime();
        counts.delivered(new Marker(0, now, 0, 1), false);
        counts.delivered(new Marker(0, now, 0, 2), false);
        // a replay: published a minute before it arrived
        counts.delivered(new Marker(0, now - 60_000_000_000L, 0, 3), true);

        ClientCounts.Latencies first = counts.latenciesSinceLastCall();
        ClientCounts.Latencies second = counts.latenciesSinceLastCall();

        assertThat(first.live().getTotalCount()).isEqualTo(2);
        assertThat(first.all().getTotalCount()).isEqualTo(3);
        assertThat(first.all().getMaxValue()).as("microseconds").isGreaterThanOrEqualTo(60_000_000L);
        assertThat(first.live().getMaxValue()).isLessThan(60_000_000L);
        assertThat(second.all().getTotalCount()).isZero();
        assertThat(second.live().getTotalCount()).isZero();
    }
}
