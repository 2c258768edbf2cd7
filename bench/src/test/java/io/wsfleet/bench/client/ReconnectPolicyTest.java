package io.wsfleet.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    @Test
    void aDrainReconnectsWithinTheJitter() {
        ReconnectPolicy policy = new ReconnectPolicy();
        for (int i = 0; i < 100; i++) {
            assertThat(policy.after(1012)).hasValueSatisfying(delay -> assertThat(delay).isLessThan(Duration.ofMillis(250)));
        }
    }

    @Test
    void anAbnormalEndBacksOffWithABoundThatDoublesUntilAConnectionOpens() {
        List<Duration> first = new ArrayList<>();
        List<Duration> second = new ArrayList<>();
        List<Duration> afterOpening = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ReconnectPolicy policy = new ReconnectPolicy();
            first.add(policy.after(1006).orElseThrow());
            second.add(policy.after(1006).orElseThrow());
            policy.opened();
            afterOpening.add(policy.after(4100).orElseThrow());
        }
        assertThat(first).allSatisfy(delay -> assertThat(delay).isLessThan(Duration.ofMillis(500)));
        assertThat(afterOpening).allSatisfy(delay -> assertThat(delay).isLessThan(Duration.ofMillis(500)));
        // Full jitter under a bound of 1 s: 200 draws all below 500 ms would be a 2^-200 chance.
        assertThat(second).allSatisfy(delay -> assertThat(delay).isLessThan(Duration.ofMillis(1000)))
                .anySatisfy(delay -> assertThat(delay).isGreaterThanOrEqualTo(Duration.ofMillis(500)));
    }

    @Test
    void aTerminalCodeEndsTheClient() {
        assertThat(new ReconnectPolicy().after(1008)).isEmpty();
        assertThat(new ReconnectPolicy().after(4001)).isEmpty();
    }
}
