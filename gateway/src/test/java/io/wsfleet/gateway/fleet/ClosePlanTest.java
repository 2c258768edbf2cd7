package io.wsfleet.gateway.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class ClosePlanTest {

    @Test
    void everySliceOfTheWindowTakesAnEqualShareAtMost() {
        List<Duration> moments = ClosePlan.spread(1003, Duration.ofSeconds(10), new SplittableRandom(7));

        assertThat(moments).hasSize(1003).isSorted().allMatch(moment -> moment.compareTo(Duration.ofSeconds(10)) < 0);
        Map<Long, Long> perSecond = moments.stream()
                .collect(Collectors.groupingBy(Duration::toSeconds, Collectors.counting()));
        assertThat(perSecond).hasSize(10);
        // 1003 over 10 slices: three slices of 101, seven of 100.
        assertThat(perSecond.values()).allMatch(count -> count == 100 || count == 101);
    }

    @Test
    void closesWithinASliceAreJitteredNotInLockstep() {
        List<Duration> moments = ClosePlan.spread(100, Duration.ofSeconds(1), new SplittableRandom(11));

        Map<Long, Long> perTenMillis = moments.stream()
                .collect(Collectors.groupingBy(moment -> moment.toMillis() / 10, Collectors.counting()));
        assertThat(perTenMillis.size()).isGreaterThan(40);
        assertThat(perTenMillis.values().stream().mapToLong(Long::longValue).max().orElseThrow()).isLessThan(10);
    }

    @Test
    void aWindowShorterThanASecondIsOneSlice() {
        assertThat(ClosePlan.spread(5, Duration.ofMillis(300), new SplittableRandom(3)))
                .hasSize(5).allMatch(moment -> moment.toMillis() < 300);
    }

    @Test
    void aZeroWindowClosesEveryConnectionAtOnce() {
        assertThat(ClosePlan.spread(4, Duration.ZERO, new SplittableRandom(1)))
                .containsExactly(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    @Test
    void fewerConnectionsThanSlicesFillTheFirstSlicesOnly() {
        Map<Long, Long> perSecond = ClosePlan.spread(3, Duration.ofSeconds(10), new SplittableRandom(5)).stream()
                .collect(Collectors.groupingBy(Duration::toSeconds, Collectors.counting()));

        assertThat(perSecond).containsOnlyKeys(0L, 1L, 2L).allSatisfy((second, count) -> assertThat(count).isOne());
    }
}
