package io.wsfleet.gateway.limits;

import java.time.Duration;

import io.wsfleet.gateway.config.GatewayConfig;

/**
 * The gateway's abuse limits, enforced on this gateway: new connections per client IP per hour,
 * concurrent connections per user, and client messages per user per minute (typing events have a
 * budget of their own so that a chatty indicator never blocks real messages); and how many rooms one
 * connection may be in, since each costs a subscription and presence entries.
 */
public record RateLimits(RateLimiter connectionsPerIp,
                         int maxConnectionsPerUser,
                         RateLimiter messagesPerUser,
                         RateLimiter typingPerUser,
                         int maxRoomsPerConnection) {

    /** How a limiter for {@code limit} actions per {@code period} is made: local, or shared through Redis. */
    @FunctionalInterface
    public interface Factory {
        RateLimiter create(String name, int limit, Duration period);
    }

    /** Limits counted on this gateway alone. */
    public static RateLimits local(GatewayConfig.Limits limits) {
        return from(limits, (name, limit, period) -> new KeyedRateLimiter(limit, period));
    }

    public static RateLimits from(GatewayConfig.Limits limits, Factory factory) {
        return new RateLimits(
                factory.create("connections", limits.connectionsPerIpPerHour(), Duration.ofHours(1)),
                limits.maxConnectionsPerUser(),
                factory.create("messages", limits.messagesPerMinute(), Duration.ofMinutes(1)),
                factory.create("typing", limits.messagesPerMinute(), Duration.ofMinutes(1)),
                limits.maxRoomsPerConnection());
    }
}
