package io.wsfleet.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.wsfleet.gateway.http.IpRange;

/**
 * Reads the bundled {@code application.yaml} defaults, the YAML file named by {@code WSFLEET_CONFIG}
 * over them, and environment overrides ({@link EnvAliases}) over both; validates every value, failing
 * with a {@link ConfigException} that names the key.
 */
public final class ConfigLoader {
    /** Environment variable naming a YAML file laid over the bundled defaults. */
    public static final String CONFIG_FILE_VARIABLE = "WSFLEET_CONFIG";
    private static final int MAX_TIMING_SECONDS = 3600;
    private static final int MAX_MARGIN_PERCENT = 1000;

    private final Config config;
    private final Optional<Path> configFile;

    private ConfigLoader(Config config, Optional<Path> configFile) {
        this.config = config;
        this.configFile = configFile;
    }

    /** Loads the configuration as the process sees it. */
    public static GatewayConfig load() {
        return load(System.getenv());
    }

    /** Loads the configuration for the given environment (tests pass their own). */
    public static GatewayConfig load(Map<String, String> environment) {
        var builder = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(EnvAliases.overrides(environment)));
        String file = environment.get(CONFIG_FILE_VARIABLE);
        Optional<Path> configFile = Optional.ofNullable(file).filter(name -> !name.isBlank()).map(Path::of);
        if (configFile.isPresent()) {
            if (!Files.isReadable(configFile.get())) {
                throw new ConfigException(CONFIG_FILE_VARIABLE, "file '" + file + "' is not readable");
            }
            // YAML whatever the file is called (a mounted ConfigMap key need not end in .yaml).
            builder.addSource(ConfigSources.file(configFile.get()).mediaType(MediaTypes.APPLICATION_X_YAML));
        }
        builder.addSource(ConfigSources.classpath("application.yaml"));
        try {
            return new ConfigLoader(builder.build(), configFile).read();
        } catch (io.helidon.config.ConfigException | IllegalStateException e) {
            // Helidon fails to merge keys with empty segments ("a..b") with an IllegalStateException.
            throw new ConfigException(CONFIG_FILE_VARIABLE, "cannot read the configuration: " + e.getMessage());
        }
    }

    private GatewayConfig read() {
        Optional<Path> seedFile = readableFile("rooms.seed-file");
        GatewayConfig config = new GatewayConfig(
                new GatewayConfig.Reload(
                        java.util.stream.Stream.concat(configFile.stream(), seedFile.stream()).toList(),
                        Duration.ofSeconds(positiveInt("config.reload-seconds"))),
                enumValue("environment", GatewayConfig.Environment.class),
                new GatewayConfig.Server(
                        text("server.host").orElse("0.0.0.0"),
                        port("server.port"),
                        port("server.admin-port")),
                auth(),
                session(),
                new GatewayConfig.Rooms(
                        readableFile("rooms.seed-file"),
                        enumValue("rooms.unknown", GatewayConfig.UnknownRoomPolicy.class),
                        fernetKey("rooms.encryption-key")),
                new GatewayConfig.Presence(
                        bool("presence.announce-online"),
                        Duration.ofSeconds(seconds("presence.reconnect-grace-seconds"))),
                new GatewayConfig.Limits(
                        positiveInt("limits.max-connections-per-user"),
                        positiveInt("limits.messages-per-minute"),
                        positiveInt("limits.connections-per-ip-per-hour"),
                        positiveInt("limits.max-rooms-per-connection")),
                new GatewayConfig.History(
                        nonNegativeInt("history.size"),
                        Duration.ofSeconds(positiveInt("history.ttl-seconds"))),
                new GatewayConfig.Drain(
                        Duration.ofSeconds(seconds("drain.deregistration-delay-seconds")),
                        Duration.ofSeconds(seconds("drain.window-seconds"))),
                rebalance(),
                origins(),
                new GatewayConfig.Clients(trustedProxies(), bool("clients.proxy-protocol")),
                new GatewayConfig.Admin(text("admin.api-key")),
                new GatewayConfig.Logging(
                        enumValue("logging.format", GatewayConfig.LogFormat.class),
                        text("logging.level").map(level -> enumValue("logging.level", GatewayConfig.LogLevel.class))),
                redis(),
                tls());
        // Checked last, so that a mistake in another key is reported first.
        if (config.environment() == GatewayConfig.Environment.PRODUCTION && config.auth().developmentMode()) {
            throw new ConfigException("auth.jwt-secret", "production needs JWT_SECRET_KEY, JWT_SECRET_FILE,"
                    + " JWT_PUBLIC_KEY_PATH or JWT_JWKS_URI; set ENVIRONMENT=development to run with a generated development secret");
        }
        return config;
    }

    private GatewayConfig.Rebalance rebalance() {
        int margin = positiveInt("rebalance.margin-percent");
        if (margin > MAX_MARGIN_PERCENT) {
            throw new ConfigException("rebalance.margin-percent",
                    "must be from 1 to " + MAX_MARGIN_PERCENT + ", got " + margin);
        }
        return new GatewayConfig.Rebalance(bool("rebalance.enabled"), margin, positiveInt("rebalance.max-sheds-per-second"));
    }

    private GatewayConfig.Session session() {
        int ping = positiveInt("session.ping-interval-seconds");
        int idle = positiveInt("session.idle-timeout-seconds");
        if (idle <= ping) {
            throw new ConfigException("session.idle-timeout-seconds",
                    "must be longer than session.ping-interval-seconds (" + ping + "), got " + idle);
        }
        return new GatewayConfig.Session(
                positiveInt("session.max-message-bytes"),
                positiveInt("session.outbound-queue-bytes"),
                Duration.ofSeconds(positiveInt("session.shutdown-grace-seconds")),
                Duration.ofSeconds(ping),
                Duration.ofSeconds(idle),
                Duration.ofSeconds(positiveInt("session.dedup-window-seconds")));
    }

    private GatewayConfig.Auth auth() {
        Optional<String> secret = text("auth.jwt-secret");
        Optional<Path> secretFile = readableFile("auth.jwt-secret-file");
        Optional<Path> publicKey = readableFile("auth.public-key-path");
        Duration jwksRefresh = Duration.ofMinutes(positiveInt("auth.jwks-refresh-minutes"));
        Optional<GatewayConfig.Jwks> jwks = text("auth.jwks-uri")
                .map(uri -> new GatewayConfig.Jwks(jwksUri(uri), jwksRefresh));
        List<String> sources = java.util.stream.Stream.of(
                        secret.map(value -> "auth.jwt-secret"),
                        secretFile.map(value -> "auth.jwt-secret-file"),
                        publicKey.map(value -> "auth.public-key-path"),
                        jwks.map(value -> "auth.jwks-uri"))
                .flatMap(Optional::stream)
                .toList();
        if (sources.size() > 1) {
            throw new ConfigException(sources.getFirst(), "set one key source only (a shared secret, a secret file,"
                    + " a public key or a JWKS URI), got "
                    + sources.stream().map(ConfigLoader::describe).collect(Collectors.joining(" and ")));
        }
        GatewayConfig.JwtAlgorithm algorithm = enumValue("auth.algorithm", GatewayConfig.JwtAlgorithm.class);
        if ((secret.isPresent() || secretFile.isPresent()) && algorithm != GatewayConfig.JwtAlgorithm.HS256) {
            throw new ConfigException("auth.algorithm", "a shared secret verifies HS256 only, got " + algorithm);
        }
        if (publicKey.isPresent() && algorithm == GatewayConfig.JwtAlgorithm.HS256) {
            throw new ConfigException("auth.algorithm", "a public key verifies RS256 or ES256, got HS256");
        }
        if (jwks.isPresent() && algorithm == GatewayConfig.JwtAlgorithm.HS256) {
            // Keys published for anyone to fetch are public keys; an HMAC key there would be no secret.
            throw new ConfigException("auth.algorithm", "a JWKS URI verifies RS256 or ES256, got HS256");
        }
        if (sources.isEmpty() && algorithm != GatewayConfig.JwtAlgorithm.HS256) {
            throw new ConfigException("auth.algorithm", "development mode (no secret, no public key, no JWKS URI)"
                    + " generates an HS256 secret; set JWT_PUBLIC_KEY_PATH or JWT_JWKS_URI to verify " + algorithm);
        }
        if (secret.isPresent() && secret.get().length() < GatewayConfig.Auth.MIN_SECRET_LENGTH) {
            throw new ConfigException("auth.jwt-secret", "must be at least " + GatewayConfig.Auth.MIN_SECRET_LENGTH
                    + " characters long");
        }
        int skew = nonNegativeInt("auth.clock-skew-seconds");
        GatewayConfig.KeyFiles keyFiles = new GatewayConfig.KeyFiles(
                Duration.ofSeconds(positiveInt("auth.key-reload-seconds")),
                Duration.ofSeconds(nonNegativeInt("auth.key-overlap-seconds")));
        return new GatewayConfig.Auth(secret, secretFile, publicKey, jwks, algorithm,
                text("auth.issuer"), text("auth.audience"), Duration.ofSeconds(skew), keyFiles);
    }

    /** An absolute {@code https://} or {@code http://} URL with a host, as smallrye-jwt fetches key sets from. */
    private static URI jwksUri(String raw) {
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, as every other malformed value
        }
        throw new ConfigException("auth.jwks-uri", "must be an https:// or http:// URL of a JSON Web Key Set,"
                + " as in https://id.example.com/.well-known/jwks.json, got '" + raw + "'");
    }

    /** A key with the environment variable that sets it, for messages that name several keys. */
    private static String describe(String key) {
        return key + EnvAliases.variableFor(key).map(variable -> " (" + variable + ")").orElse("");
    }

    /**
     * {@code redis.url} wins over {@code redis.host}/{@code redis.port} (the seed's names). A URL may list
     * several comma-separated hosts, the seeds of a Redis Cluster: {@code redis://h1:6379,h2:6379}; or name
     * the Sentinels of a replicated Redis: {@code redis-sentinel://s1:26379,s2:26379#mymaster}.
     */
    private Optional<GatewayConfig.Redis> redis() {
        Optional<String> url = text("redis.url");
        Optional<String> host = text("redis.host");
        if (url.isEmpty() && host.isEmpty()) {
            return Optional.empty();
        }
        List<String> uris = url.map(value -> RedisUris.parse("redis.url", value, text("redis.password")))
                .orElseGet(() -> RedisUris.parse("redis.host",
                        "redis://" + host.orElseThrow() + ":" + port("redis.port"), text("redis.password")));
        boolean cluster = bool("redis.cluster");
        boolean sentinel = RedisUris.isSentinel(uris.getFirst());
        if (!cluster && uris.size() > 1) {
            throw new ConfigException("redis.url", "several hosts are the seeds of a Redis Cluster: set REDIS_CLUSTER=true");
        }
        if (cluster && sentinel) {
            throw new ConfigException("redis.cluster", "a redis-sentinel:// URL names a replicated Redis, not a Redis Cluster");
        }
        Optional<String> sentinelPassword = text("redis.sentinel-password");
        if (sentinelPassword.isPresent() && !sentinel) {
            throw new ConfigException("redis.sentinel-password", "goes with a redis-sentinel:// URL");
        }
        String prefix = required("redis.prefix");
        if (!prefix.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new ConfigException("redis.prefix", "must be 1 to 64 letters, digits or _ . -, got '" + prefix + "'");
        }
        int lease = positiveInt("redis.presence-lease-seconds");
        if (lease < 4) {
            throw new ConfigException("redis.presence-lease-seconds", "must be at least 4 seconds, got " + lease);
        }
        return Optional.of(new GatewayConfig.Redis(uris, cluster, sentinel, sentinelPassword, prefix, Duration.ofSeconds(lease)));
    }

    /** A comma-separated list of exact origins, {@code scheme://host[:port]}, as browsers send them, or {@code *} alone. */
    private GatewayConfig.Origins origins() {
        Set<String> allowed = new LinkedHashSet<>();
        for (String origin : text("origins.allowed").map(value -> value.split(",")).orElse(new String[0])) {
            String trimmed = origin.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!trimmed.equals("*") && !trimmed.matches("https?://[^/\\s]+")) {
                throw new ConfigException("origins.allowed", "'" + trimmed
                        + "' is not an origin: scheme://host[:port], without a path, as in https://app.example.com");
            }
            allowed.add(trimmed);
        }
        boolean any = allowed.contains("*");
        if (any && allowed.size() > 1) {
            throw new ConfigException("origins.allowed", "'*' admits every origin: give it alone, or list origins without it");
        }
        return new GatewayConfig.Origins(any ? Set.of() : allowed, any, bool("origins.allow-missing"));
    }

    private List<IpRange> trustedProxies() {
        List<IpRange> ranges = new java.util.ArrayList<>();
        for (String entry : text("clients.trusted-proxies").map(value -> value.split(",")).orElse(new String[0])) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                ranges.add(IpRange.parse(entry.trim()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("clients.trusted-proxies", e.getMessage());
            }
        }
        return ranges;
    }

    /** A Fernet key: 32 bytes in URL-safe base64, as Python's {@code Fernet.generate_key()} makes. */
    private Optional<String> fernetKey(String key) {
        Optional<String> value = text(key);
        value.ifPresent(base64 -> {
            byte[] bytes;
            try {
                bytes = java.util.Base64.getUrlDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, "is not URL-safe base64");
            }
            if (bytes.length != 32) {
                throw new ConfigException(key, "must be 32 bytes (a Fernet key), got " + bytes.length);
            }
        });
        return value;
    }

    private Optional<GatewayConfig.Tls> tls() {
        Optional<Path> cert = readableFile("tls.cert-path");
        Optional<Path> key = readableFile("tls.key-path");
        if (cert.isPresent() != key.isPresent()) {
            throw new ConfigException(cert.isPresent() ? "tls.key-path" : "tls.cert-path",
                    "TLS needs both a certificate and a private key");
        }
        Duration reload = Duration.ofSeconds(positiveInt("tls.reload-seconds"));
        return cert.map(certPath -> new GatewayConfig.Tls(certPath, key.orElseThrow(), reload));
    }

    private Optional<String> text(String key) {
        return config.get(key).asString().asOptional().map(String::trim).filter(value -> !value.isEmpty());
    }

    private String required(String key) {
        return text(key).orElseThrow(() -> new ConfigException(key, "is required"));
    }

    private int integer(String key) {
        String raw = required(key);
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be an integer, got '" + raw + "'");
        }
    }

    private int port(String key) {
        int port = integer(key);
        if (port < 0 || port > 65_535) {
            throw new ConfigException(key, "must be a port number from 0 (any free port) to 65535, got " + port);
        }
        return port;
    }

    private int positiveInt(String key) {
        int value = integer(key);
        if (value <= 0) {
            throw new ConfigException(key, "must be greater than zero, got " + value);
        }
        return value;
    }

    /** A duration of whole seconds, from 0 to an hour: the drain's steps and the presence grace must fit in a pod's grace period. */
    private int seconds(String key) {
        int value = nonNegativeInt(key);
        if (value > MAX_TIMING_SECONDS) {
            throw new ConfigException(key, "must be from 0 to " + MAX_TIMING_SECONDS + " seconds, got " + value);
        }
        return value;
    }

    private int nonNegativeInt(String key) {
        int value = integer(key);
        if (value < 0) {
            throw new ConfigException(key, "must not be negative, got " + value);
        }
        return value;
    }

    private boolean bool(String key) {
        String raw = required(key).toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, "must be true or false, got '" + raw + "'");
        };
    }

    private <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        String raw = required(key);
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    .toLowerCase(Locale.ROOT) + ", got '" + raw + "'");
        }
    }

    private Optional<Path> readableFile(String key) {
        return text(key).map(raw -> {
            Path path = Path.of(raw);
            if (!Files.isReadable(path)) {
                throw new ConfigException(key, "file '" + raw + "' does not exist or is not readable");
            }
            return path;
        });
    }
}
