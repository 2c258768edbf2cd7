package io.wsfleet.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits and checks a Redis URL: {@code redis://[user:password@]host:port[/db]}, {@code rediss://} for
 * TLS, or several comma-separated hosts ({@code redis://:pw@h1:6379,h2:6379}) as Redis Cluster seeds,
 * each of which gets the scheme and credentials of the first.
 */
final class RedisUris {

    private RedisUris() {
    }

    static List<String> parse(String key, String value, Optional<String> password) {
        int schemeEnd = value.indexOf("://");
        if (schemeEnd < 0) {
            throw new ConfigException(key, "must be a redis:// or rediss:// URL");
        }
        String scheme = value.substring(0, schemeEnd);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new ConfigException(key, "must be a redis:// or rediss:// URL, got scheme '" + scheme + "'");
        }
        String rest = value.substring(schemeEnd + 3);
        int at = rest.lastIndexOf('@');
        String userInfo = at >= 0 ? rest.substring(0, at + 1) : password.map(pw -> ":" + pw + "@").orElse("");
        String hostsAndPath = at >= 0 ? rest.substring(at + 1) : rest;
        int slash = hostsAndPath.indexOf('/');
        String path = slash >= 0 ? hostsAndPath.substring(slash) : "";
        String hosts = slash >= 0 ? hostsAndPath.substring(0, slash) : hostsAndPath;
        List<String> uris = new ArrayList<>();
        for (String host : hosts.split(",")) {
            String uri = scheme + "://" + userInfo + host.trim() + path;
            check(key, uri);
            uris.add(uri);
        }
        return uris;
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
