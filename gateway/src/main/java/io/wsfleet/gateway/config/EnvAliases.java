package io.wsfleet.gateway.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Environment variables that override keys of {@code application.yaml}. The seed's names
 * ({@code JWT_SECRET_KEY}, {@code REDIS_HOST}, ...) are kept as they are so that existing deployments
 * keep working; the rest follow the same style.
 */
public final class EnvAliases {
    private static final Map<String, String> KEY_BY_VARIABLE = new LinkedHashMap<>();

    static {
        KEY_BY_VARIABLE.put("ENVIRONMENT", "environment");
        KEY_BY_VARIABLE.put("CONFIG_RELOAD_SECONDS", "config.reload-seconds");
        KEY_BY_VARIABLE.put("HOST", "server.host");
        KEY_BY_VARIABLE.put("PORT", "server.port");
        KEY_BY_VARIABLE.put("ADMIN_PORT", "server.admin-port");
        KEY_BY_VARIABLE.put("JWT_SECRET_KEY", "auth.jwt-secret");
        KEY_BY_VARIABLE.put("JWT_SECRET_FILE", "auth.jwt-secret-file");
        KEY_BY_VARIABLE.put("JWT_PUBLIC_KEY_PATH", "auth.public-key-path");
        KEY_BY_VARIABLE.put("JWT_JWKS_URI", "auth.jwks-uri");
        KEY_BY_VARIABLE.put("JWT_JWKS_REFRESH_MINUTES", "auth.jwks-refresh-minutes");
        KEY_BY_VARIABLE.put("JWT_ALGORITHM", "auth.algorithm");
        KEY_BY_VARIABLE.put("JWT_ISSUER", "auth.issuer");
        KEY_BY_VARIABLE.put("JWT_AUDIENCE", "auth.audience");
        KEY_BY_VARIABLE.put("JWT_CLOCK_SKEW_SECONDS", "auth.clock-skew-seconds");
        KEY_BY_VARIABLE.put("JWT_KEY_RELOAD_SECONDS", "auth.key-reload-seconds");
        KEY_BY_VARIABLE.put("JWT_KEY_OVERLAP_SECONDS", "auth.key-overlap-seconds");
        KEY_BY_VARIABLE.put("MAX_MESSAGE_BYTES", "session.max-message-bytes");
        KEY_BY_VARIABLE.put("OUTBOUND_QUEUE_BYTES", "session.outbound-queue-bytes");
        KEY_BY_VARIABLE.put("SHUTDOWN_GRACE_SECONDS", "session.shutdown-grace-seconds");
        KEY_BY_VARIABLE.put("PING_INTERVAL_SECONDS", "session.ping-interval-seconds");
        KEY_BY_VARIABLE.put("IDLE_TIMEOUT_SECONDS", "session.idle-timeout-seconds");
        KEY_BY_VARIABLE.put("MESSAGE_DEDUP_WINDOW_SECONDS", "session.dedup-window-seconds");
        KEY_BY_VARIABLE.put("ROOMS_FILE", "rooms.seed-file");
        KEY_BY_VARIABLE.put("UNKNOWN_ROOMS", "rooms.unknown");
        KEY_BY_VARIABLE.put("MESSAGE_ENCRYPTION_KEY", "rooms.encryption-key");
        KEY_BY_VARIABLE.put("ANNOUNCE_ONLINE", "presence.announce-online");
        KEY_BY_VARIABLE.put("PRESENCE_RECONNECT_GRACE_SECONDS", "presence.reconnect-grace-seconds");
        KEY_BY_VARIABLE.put("MAX_CONNECTIONS_PER_USER", "limits.max-connections-per-user");
        KEY_BY_VARIABLE.put("MESSAGE_RATE_LIMIT", "limits.messages-per-minute");
        KEY_BY_VARIABLE.put("CONNECTION_RATE_LIMIT", "limits.connections-per-ip-per-hour");
        KEY_BY_VARIABLE.put("MAX_ROOMS_PER_CONNECTION", "limits.max-rooms-per-connection");
        KEY_BY_VARIABLE.put("HISTORY_SIZE", "history.size");
        KEY_BY_VARIABLE.put("HISTORY_TTL_SECONDS", "history.ttl-seconds");
        KEY_BY_VARIABLE.put("DRAIN_DEREGISTRATION_DELAY_SECONDS", "drain.deregistration-delay-seconds");
        KEY_BY_VARIABLE.put("DRAIN_WINDOW_SECONDS", "drain.window-seconds");
        KEY_BY_VARIABLE.put("REBALANCE_ENABLED", "rebalance.enabled");
        KEY_BY_VARIABLE.put("REBALANCE_MARGIN_PERCENT", "rebalance.margin-percent");
        KEY_BY_VARIABLE.put("REBALANCE_MAX_SHEDS_PER_SECOND", "rebalance.max-sheds-per-second");
        KEY_BY_VARIABLE.put("ALLOWED_ORIGINS", "origins.allowed");
        KEY_BY_VARIABLE.put("ALLOW_MISSING_ORIGIN", "origins.allow-missing");
        KEY_BY_VARIABLE.put("TRUSTED_PROXIES", "clients.trusted-proxies");
        KEY_BY_VARIABLE.put("PROXY_PROTOCOL", "clients.proxy-protocol");
        KEY_BY_VARIABLE.put("PUBLISH_API_KEY", "admin.api-key");
        KEY_BY_VARIABLE.put("LOG_FORMAT", "logging.format");
        KEY_BY_VARIABLE.put("LOG_LEVEL", "logging.level");
        KEY_BY_VARIABLE.put("REDIS_URL", "redis.url");
        KEY_BY_VARIABLE.put("REDIS_HOST", "redis.host");
        KEY_BY_VARIABLE.put("REDIS_PORT", "redis.port");
        KEY_BY_VARIABLE.put("REDIS_PASSWORD", "redis.password");
        KEY_BY_VARIABLE.put("REDIS_SENTINEL_PASSWORD", "redis.sentinel-password");
        KEY_BY_VARIABLE.put("REDIS_CLUSTER", "redis.cluster");
        KEY_BY_VARIABLE.put("REDIS_PREFIX", "redis.prefix");
        KEY_BY_VARIABLE.put("PRESENCE_LEASE_SECONDS", "redis.presence-lease-seconds");
        KEY_BY_VARIABLE.put("SSL_CERT_PATH", "tls.cert-path");
        KEY_BY_VARIABLE.put("SSL_KEY_PATH", "tls.key-path");
        KEY_BY_VARIABLE.put("TLS_RELOAD_SECONDS", "tls.reload-seconds");
    }

    private EnvAliases() {
    }

    /** The configuration keys set by the given environment, as a map of key to value. */
    public static Map<String, String> overrides(Map<String, String> environment) {
        Map<String, String> overrides = new LinkedHashMap<>();
        KEY_BY_VARIABLE.forEach((variable, key) -> {
            String value = environment.get(variable);
            if (value != null && !value.isEmpty()) {
                overrides.put(key, value);
            }
        });
        return overrides;
    }

    /** The environment variable that overrides a key, if any. */
    public static Optional<String> variableFor(String key) {
        return KEY_BY_VARIABLE.entrySet().stream()
                .filter(entry -> entry.getValue().equals(key))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** Every variable and the key it overrides. */
    public static Map<String, String> all() {
        return Map.copyOf(KEY_BY_VARIABLE);
    }
}
