package io.wsfleet.gateway.limits;

import java.time.Duration;

/** Counts actions per key (a user id, a client IP) against a limit per period. */
public interface RateLimiter {

    /** Takes one action for the key; {@link Duration#ZERO} if allowed, else how long until one is. */
    Duration tryAcquire(String key);

    /** Actions allowed per period. */
    int limit();
}
