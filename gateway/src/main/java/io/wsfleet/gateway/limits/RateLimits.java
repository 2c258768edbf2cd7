package io.wsfleet.gateway.limits;

import java.time.Duration;

import io.wsfleet.gateway.config.GatewayConfig;

/**
 * The gateway's abuse limits, enforced on this gateway: new connections per client IP per hour,
 * concurrent connections per user, and client messages per user per minute (typing events have a
 * budget of their own so that a chatty indicator never blocks real messages); and how many rooms one
 * connection may be in, since each costs a subscription and presence entries.
 */
public record RateLimits(KeyedRateLimiter connectionsPerIp,
                         int maxConnectionsPerUser,
                         KeyedRateLimiter messagesPerUser,
                         KeyedRateLimiter typingPerUser,
                         int maxRoomsPerConnection) {

    public static RateLimits from(GatewayConfig.Limits limits) {
        return new RateLimits(
                new KeyedRateLimiter(limits.connectionsPerIpPerHour(), Duration.ofHours(1)),
                limits.maxConnectionsPerUser(),
                new KeyedRateLimiter(limits.messagesPerMinute(), Duration.ofMinutes(1)),
                new KeyedRateLimiter(limits.messagesPerMinute(), Duration.ofMinutes(1)),
                limits.maxRoomsPerConnection());
    }
}
