package io.wsfleet.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Token buckets per key, on a clock the test moves. */
class KeyedRateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final KeyedRateLimiter limiter = new KeyedRateLimiter(3, Duration.ofMinutes(1), now::get);

    @Test
    void allowsABurstUpToTheLimitThenSaysHowLongToWait() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("alice")).isZero();
        }
        Duration wait = limiter.tryAcquire("alice");
        // One token comes back every 20 s (3 a minute).
        assertThat(wait).isGreaterThan(Duration.ofSeconds(19)).isLessThanOrEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void refillsEvenlyOverThePeriod() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("alice");
        }
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        assertThat(limiter.tryAcquire("alice")).isZero();
        assertThat(limiter.tryAcquire("alice")).isPositive();
    }

    @Test
    void keysAreIndependent() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("alice");
        }
        assertThat(limiter.tryAcquire("alice")).isPositive();
        assertThat(limiter.tryAcquire("bob")).isZero();
    }

    @Test
    void fullBucketsAreForgottenWhenManyKeysAreTracked() {
        for (int i = 0; i < 10_000; i++) {
            limiter.tryAcquire("ip-" + i);
        }
        assertThat(limiter.trackedKeys()).isEqualTo(10_000);
        now.addAndGet(Duration.ofMinutes(2).toNanos()); // every bucket has filled up again

        limiter.tryAcquire("newcomer");

        assertThat(limiter.trackedKeys()).isEqualTo(1);
        assertThat(limiter.tryAcquire("ip-1")).as("a forgotten key starts with a full bucket").isZero();
    }
}
