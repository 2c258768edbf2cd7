package io.wsfleet.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Splits and checks a Redis URL: {@code redis://[user:password@]host:port[/db]}, {@code rediss://} for
 * TLS, or several comma-separated hosts ({@code redis://:pw@h1:6379,h2:6379}) as Redis Cluster seeds,
 * each of which gets the scheme and credentials of the first. A {@code redis-sentinel://} (or
 * {@code rediss-sentinel://}) URL names the Sentinels of a replicated Redis and, after {@code #}, the
 * name they know its master by ({@code redis-sentinel://:pw@s1:26379,s2:26379/0#mymaster}); it stays one
 * URL, in the form Lettuce reads, and its credentials are those of the Redis servers, not the Sentinels'.
 */
final class RedisUris {

    private static final Set<String> SCHEMES = Set.of("redis", "rediss");
    private static final Set<String> SENTINEL_SCHEMES = Set.of("redis-sentinel", "rediss-sentinel");

    private RedisUris() {
    }

    /** Whether the URL, as {@link #parse} returns it, names Sentinels rather than Redis servers. */
    static boolean isSentinel(String uri) {
        int schemeEnd = uri.indexOf("://");
        return schemeEnd > 0 && SENTINEL_SCHEMES.contains(uri.substring(0, schemeEnd));
    }

    static List<String> parse(String key, String value, Optional<String> password) {
        int schemeEnd = value.indexOf("://");
        if (schemeEnd < 0) {
            throw new ConfigException(key, "must be a redis://, rediss:// or redis-sentinel:// URL");
        }
        String scheme = value.substring(0, schemeEnd);
        boolean sentinel = SENTINEL_SCHEMES.contains(scheme);
        if (!SCHEMES.contains(scheme) && !sentinel) {
            throw new ConfigException(key, "must be a redis://, rediss:// or redis-sentinel:// URL, got scheme '" + scheme + "'");
        }
        String rest = value.substring(schemeEnd + 3);
        int at = rest.lastIndexOf('@');
        String userInfo = at >= 0 ? rest.substring(0, at + 1) : password.map(pw -> ":" + pw + "@").orElse("");
        String afterUser = at >= 0 ? rest.substring(at + 1) : rest;
        int hash = sentinel ? afterUser.indexOf('#') : -1;
        String masterName = hash >= 0 ? afterUser.substring(hash + 1).trim() : "";
        String hostsAndPath = hash >= 0 ? afterUser.substring(0, hash) : afterUser;
        if (sentinel && masterName.isEmpty()) {
            throw new ConfigException(key, "needs the master's name after '#', as in redis-sentinel://s1:26379,s2:26379#mymaster");
        }
        int slash = hostsAndPath.indexOf('/');
        String path = slash >= 0 ? hostsAndPath.substring(slash) : "";
        String hosts = slash >= 0 ? hostsAndPath.substring(0, slash) : hostsAndPath;
        List<String> hostList = Arrays.stream(hosts.split(",")).map(String::trim).toList();
        for (String host : hostList) {
            check(key, scheme + "://" + userInfo + host + path);
        }
        if (sentinel) {
            return List.of(scheme + "://" + userInfo + String.join(",", hostList) + path + "#" + masterName);
        }
        return hostList.stream().map(host -> scheme + "://" + userInfo + host + path).toList();
    }

    private static void check(String key, String uri) {
        try {
            URI parsed = new URI(uri);
            if (parsed.getHost() == null || parsed.getHost().isBlank()) {
                throw new ConfigException(key, "has no host");
            }
            if (parsed.getPort() < 0) {
                throw new ConfigException(key, "needs a port for every host, as in redis://host:6379");
            }
        } catch (URISyntaxException e) {
            // The message would echo the URL, password included: say only where it broke.
            throw new ConfigException(key, "is not a valid URL (at index " + e.getIndex() + ")");
        }
    }
}
