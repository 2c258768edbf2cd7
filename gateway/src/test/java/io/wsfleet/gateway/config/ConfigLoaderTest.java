package io.wsfleet.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.wsfleet.gateway.config.GatewayConfig.JwtAlgorithm;
import io.wsfleet.gateway.config.GatewayConfig.UnknownRoomPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
    /** In test data, stands for a readable file created in the temporary folder. */
    private static final String A_FILE = "<existing file>";
    private static final String SECRET = "s".repeat(32);

    @TempDir
    Path dir;

    @Test
    void productionIsTheDefaultAndRefusesToStartWithoutAKey() {
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Map.of()));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("JWT_SECRET_KEY").contains("JWT_PUBLIC_KEY_PATH").contains("JWT_JWKS_URI")
                .contains("ENVIRONMENT=development");
    }

    @Test
    void defaultsAreTheSeedsWithDevelopmentAuth() {
        GatewayConfig config = ConfigLoader.load(Map.of("ENVIRONMENT", "development"));

        assertThat(config.server()).isEqualTo(new GatewayConfig.Server("0.0.0.0", 8080, 9090));
        assertThat(config.limits()).isEqualTo(new GatewayConfig.Limits(5, 100, 10, 100));
        assertThat(config.auth().developmentMode()).isTrue();
        assertThat(config.auth().algorithm()).isEqualTo(JwtAlgorithm.HS256);
        assertThat(config.auth().issuer()).isEmpty();
        assertThat(config.auth().audience()).isEmpty();
        assertThat(config.auth().clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.session()).isEqualTo(new GatewayConfig.Session(65_536, 1_048_576, Duration.ofSeconds(10),
                Duration.ofSeconds(25), Duration.ofSeconds(75), Duration.ofSeconds(600)));
        assertThat(config.rooms().seedFile()).isEmpty();
        assertThat(config.rooms().unknownRooms()).isEqualTo(UnknownRoomPolicy.PUBLIC);
        assertThat(config.presence().announceOnline()).isFalse();
        assertThat(config.presence().reconnectGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.admin().apiKey()).isEmpty();
        assertThat(config.redis()).isEmpty();
        assertThat(config.tls()).isEmpty();
        assertThat(config.logging()).isEqualTo(new GatewayConfig.Logging(GatewayConfig.LogFormat.TEXT, Optional.empty()));
        assertThat(config.drain()).isEqualTo(new GatewayConfig.Drain(Duration.ofSeconds(5), Duration.ofSeconds(10)));
        assertThat(config.rebalance()).isEqualTo(new GatewayConfig.Rebalance(true, 10, 20));
    }

    @Test
    void drainAndRebalancingAreConfigurable() {
        GatewayConfig config = ConfigLoader.load(Map.of("ENVIRONMENT", "development",
                "DRAIN_DEREGISTRATION_DELAY_SECONDS", "0", "DRAIN_WINDOW_SECONDS", "120",
                "REBALANCE_ENABLED", "false", "REBALANCE_MARGIN_PERCENT", "25", "REBALANCE_MAX_SHEDS_PER_SECOND", "5"));

        assertThat(config.drain()).isEqualTo(new GatewayConfig.Drain(Duration.ZERO, Duration.ofSeconds(120)));
        assertThat(config.rebalance()).isEqualTo(new GatewayConfig.Rebalance(false, 25, 5));
    }

    @Test
    void loggingSettingsAreCaseInsensitive() {
        GatewayConfig config = ConfigLoader.load(Map.of("ENVIRONMENT", "development", "LOG_FORMAT", "JSON",
                "LOG_LEVEL", "Debug"));

        assertThat(config.logging()).isEqualTo(new GatewayConfig.Logging(GatewayConfig.LogFormat.JSON,
                Optional.of(GatewayConfig.LogLevel.DEBUG)));
    }

    @Test
    void environmentOverridesTheDefaults() throws IOException {
        Path cert = file("cert.pem");
        Path key = file("key.pem");
        Path rooms = file("rooms.yaml");
        Map<String, String> env = new HashMap<>();
        env.put("HOST", "127.0.0.1");
        env.put("PORT", "8181");
        env.put("ADMIN_PORT", "0");
        env.put("JWT_SECRET_KEY", SECRET);
        env.put("JWT_ISSUER", "https://id.example");
        env.put("JWT_AUDIENCE", "wsfleet");
        env.put("JWT_CLOCK_SKEW_SECONDS", "0");
        env.put("MAX_MESSAGE_BYTES", "1024");
        env.put("OUTBOUND_QUEUE_BYTES", "4096");
        env.put("SHUTDOWN_GRACE_SECONDS", "3");
        env.put("ROOMS_FILE", rooms.toString());
        env.put("UNKNOWN_ROOMS", "REJECT");
        env.put("ANNOUNCE_ONLINE", "False");
        env.put("PRESENCE_RECONNECT_GRACE_SECONDS", "4");
        env.put("MAX_CONNECTIONS_PER_USER", "2");
        env.put("MESSAGE_RATE_LIMIT", "60");
        env.put("CONNECTION_RATE_LIMIT", "30");
        env.put("PUBLISH_API_KEY", "api-key");
        env.put("REDIS_HOST", "redis.internal");
        env.put("REDIS_PORT", "6380");
        env.put("SSL_CERT_PATH", cert.toString());
        env.put("SSL_KEY_PATH", key.toString());

        GatewayConfig config = ConfigLoader.load(env);

        assertThat(config.server()).isEqualTo(new GatewayConfig.Server("127.0.0.1", 8181, 0));
        assertThat(config.auth().jwtSecret()).contains(SECRET);
        assertThat(config.auth().developmentMode()).isFalse();
        assertThat(config.auth().issuer()).contains("https://id.example");
        assertThat(config.auth().audience()).contains("wsfleet");
        assertThat(config.auth().clockSkew()).isZero();
        assertThat(config.session()).isEqualTo(new GatewayConfig.Session(1024, 4096, Duration.ofSeconds(3),
                Duration.ofSeconds(25), Duration.ofSeconds(75), Duration.ofSeconds(600)));
        assertThat(config.rooms()).isEqualTo(new GatewayConfig.Rooms(java.util.Optional.of(rooms), UnknownRoomPolicy.REJECT,
                java.util.Optional.empty()));
        assertThat(config.presence().announceOnline()).isFalse();
        assertThat(config.presence().reconnectGrace()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.limits()).isEqualTo(new GatewayConfig.Limits(2, 60, 30, 100));
        assertThat(config.admin().apiKey()).contains("api-key");
        assertThat(config.redis()).contains(new GatewayConfig.Redis(List.of("redis://redis.internal:6380"), false,
                false, Optional.empty(), "wsfleet", Duration.ofSeconds(20)));
        assertThat(config.tls()).contains(new GatewayConfig.Tls(cert, key, Duration.ofSeconds(10)));
    }

    @Test
    void publicKeyWithAnAsymmetricAlgorithmLeavesDevelopmentMode() throws IOException {
        Path key = file("public.pem");

        GatewayConfig config = ConfigLoader.load(Map.of("JWT_PUBLIC_KEY_PATH", key.toString(), "JWT_ALGORITHM", "es256"));

        assertThat(config.auth().publicKeyPath()).contains(key);
        assertThat(config.auth().algorithm()).isEqualTo(JwtAlgorithm.ES256);
        assertThat(config.auth().developmentMode()).isFalse();
    }

    @Test
    void aSecretFileIsAKeySourceFollowedWithAnHourOfOverlapUnlessToldOtherwise() throws IOException {
        Path secret = file("jwt-secret");

        GatewayConfig config = ConfigLoader.load(Map.of("JWT_SECRET_FILE", secret.toString()));
        GatewayConfig tuned = ConfigLoader.load(Map.of("JWT_SECRET_FILE", secret.toString(),
                "JWT_KEY_OVERLAP_SECONDS", "0", "JWT_KEY_RELOAD_SECONDS", "1"));

        assertThat(config.environment()).isEqualTo(GatewayConfig.Environment.PRODUCTION);
        assertThat(config.auth().developmentMode()).isFalse();
        assertThat(config.auth().jwtSecretFile()).contains(secret);
        assertThat(config.auth().keyFiles()).isEqualTo(new GatewayConfig.KeyFiles(Duration.ofSeconds(5), Duration.ofHours(1)));
        assertThat(tuned.auth().keyFiles()).isEqualTo(new GatewayConfig.KeyFiles(Duration.ofSeconds(1), Duration.ZERO));
    }

    @Test
    void aSecretFileGoesWithHs256AloneAndWithNoOtherKeySource() throws IOException {
        String secret = file("jwt-secret").toString();

        assertThatThrownBy(() -> ConfigLoader.load(Map.of("JWT_SECRET_FILE", secret, "JWT_SECRET_KEY", SECRET)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("set one key source only")
                .hasMessageContaining("auth.jwt-secret-file (JWT_SECRET_FILE)");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("JWT_SECRET_FILE", secret, "JWT_ALGORITHM", "RS256")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("a shared secret verifies HS256 only");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("JWT_SECRET_FILE", secret, "JWT_KEY_OVERLAP_SECONDS", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth.key-overlap-seconds");
    }

    @Test
    void aJwksUriIsAKeySourceThatProductionAccepts() {
        String uri = "https://id.example/.well-known/jwks.json";

        GatewayConfig config = ConfigLoader.load(Map.of("JWT_JWKS_URI", uri, "JWT_ALGORITHM", "RS256"));

        assertThat(config.environment()).isEqualTo(GatewayConfig.Environment.PRODUCTION);
        assertThat(config.auth().developmentMode()).isFalse();
        assertThat(config.auth().jwks()).contains(new GatewayConfig.Jwks(URI.create(uri), Duration.ofMinutes(5)));
        assertThat(config.auth().jwtSecret()).isEmpty();
        assertThat(config.auth().publicKeyPath()).isEmpty();
    }

    @Test
    void theJwksRefreshIntervalIsConfigurable() {
        GatewayConfig config = ConfigLoader.load(Map.of("JWT_JWKS_URI", "http://keys.auth.svc:8080/jwks",
                "JWT_ALGORITHM", "ES256", "JWT_JWKS_REFRESH_MINUTES", "1"));

        assertThat(config.auth().jwks()).hasValueSatisfying(jwks -> {
            assertThat(jwks.uri()).hasHost("keys.auth.svc");
            assertThat(jwks.refresh()).isEqualTo(Duration.ofMinutes(1));
        });
        assertThat(config.auth().algorithm()).isEqualTo(JwtAlgorithm.ES256);
    }

    @Test
    void moreThanOneKeySourceIsRefusedNamingEachOfThem() throws IOException {
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "JWT_PUBLIC_KEY_PATH", file("public.pem").toString(), "JWT_JWKS_URI", "https://id.example/jwks",
                "JWT_ALGORITHM", "RS256")));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("set one key source only")
                .contains("auth.public-key-path (JWT_PUBLIC_KEY_PATH)").contains("auth.jwks-uri (JWT_JWKS_URI)")
                .doesNotContain("auth.jwt-secret");
    }

    @Test
    void emptyOrBlankEnvironmentValuesKeepTheDefaults() {
        GatewayConfig config = ConfigLoader.load(Map.of("PORT", "", "JWT_SECRET_KEY", "   ", "REDIS_HOST", "",
                "ENVIRONMENT", "development"));

        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.auth().developmentMode()).isTrue();
        assertThat(config.redis()).isEmpty();
    }

    static Stream<Arguments> invalidEnvironments() {
        return Stream.of(
                invalid("server.port", "PORT", "PORT", "abc"),
                invalid("server.port", "PORT", "PORT", "70000"),
                invalid("server.port", "PORT", "PORT", "-1"),
                invalid("server.admin-port", "ADMIN_PORT", "ADMIN_PORT", "9o90"),
                invalid("limits.max-connections-per-user", "MAX_CONNECTIONS_PER_USER", "MAX_CONNECTIONS_PER_USER", "0"),
                invalid("limits.messages-per-minute", "MESSAGE_RATE_LIMIT", "MESSAGE_RATE_LIMIT", "-5"),
                invalid("limits.connections-per-ip-per-hour", "CONNECTION_RATE_LIMIT", "CONNECTION_RATE_LIMIT", "1.5"),
                invalid("session.outbound-queue-bytes", "OUTBOUND_QUEUE_BYTES", "OUTBOUND_QUEUE_BYTES", "0"),
                invalid("rooms.unknown", "UNKNOWN_ROOMS", "UNKNOWN_ROOMS", "maybe"),
                invalid("presence.announce-online", "ANNOUNCE_ONLINE", "ANNOUNCE_ONLINE", "yes"),
                invalid("presence.reconnect-grace-seconds", "PRESENCE_RECONNECT_GRACE_SECONDS",
                        "PRESENCE_RECONNECT_GRACE_SECONDS", "-1"),
                invalid("auth.jwt-secret", "JWT_SECRET_KEY", "JWT_SECRET_KEY", "too-short"),
                invalid("auth.jwt-secret", "JWT_SECRET_KEY", "JWT_SECRET_KEY", SECRET, "JWT_PUBLIC_KEY_PATH", A_FILE,
                        "JWT_ALGORITHM", "RS256"),
                invalid("auth.algorithm", "JWT_ALGORITHM", "JWT_SECRET_KEY", SECRET, "JWT_ALGORITHM", "RS256"),
                invalid("auth.algorithm", "JWT_ALGORITHM", "JWT_PUBLIC_KEY_PATH", A_FILE),
                invalid("auth.algorithm", "JWT_ALGORITHM", "JWT_ALGORITHM", "HS512"),
                invalid("auth.algorithm", "JWT_ALGORITHM", "JWT_ALGORITHM", "RS256"),
                invalid("auth.public-key-path", "JWT_PUBLIC_KEY_PATH", "JWT_PUBLIC_KEY_PATH", "/nonexistent/key.pem",
                        "JWT_ALGORITHM", "RS256"),
                invalid("auth.clock-skew-seconds", "JWT_CLOCK_SKEW_SECONDS", "JWT_CLOCK_SKEW_SECONDS", "-1"),
                invalid("auth.jwt-secret", "JWT_SECRET_KEY", "JWT_SECRET_KEY", SECRET, "JWT_JWKS_URI", "https://id.example/jwks"),
                invalid("auth.public-key-path", "JWT_PUBLIC_KEY_PATH", "JWT_PUBLIC_KEY_PATH", A_FILE,
                        "JWT_JWKS_URI", "https://id.example/jwks", "JWT_ALGORITHM", "RS256"),
                invalid("auth.algorithm", "JWT_ALGORITHM", "JWT_JWKS_URI", "https://id.example/jwks"),
                invalid("auth.jwks-uri", "JWT_JWKS_URI", "JWT_JWKS_URI", "ftp://id.example/jwks", "JWT_ALGORITHM", "RS256"),
                invalid("auth.jwks-uri", "JWT_JWKS_URI", "JWT_JWKS_URI", "/etc/wsfleet/jwks.json", "JWT_ALGORITHM", "RS256"),
                invalid("auth.jwks-uri", "JWT_JWKS_URI", "JWT_JWKS_URI", "https://", "JWT_ALGORITHM", "RS256"),
                invalid("auth.jwks-uri", "JWT_JWKS_URI", "JWT_JWKS_URI", "https://id example/jwks", "JWT_ALGORITHM", "RS256"),
                invalid("auth.jwks-refresh-minutes", "JWT_JWKS_REFRESH_MINUTES", "JWT_JWKS_REFRESH_MINUTES", "0"),
                invalid("tls.key-path", "SSL_KEY_PATH", "SSL_CERT_PATH", A_FILE),
                invalid("tls.cert-path", "SSL_CERT_PATH", "SSL_KEY_PATH", A_FILE),
                invalid("tls.cert-path", "SSL_CERT_PATH", "SSL_CERT_PATH", "/nonexistent/cert.pem", "SSL_KEY_PATH", A_FILE),
                invalid("rooms.seed-file", "ROOMS_FILE", "ROOMS_FILE", "/nonexistent/rooms.yaml"),
                invalid("redis.port", "REDIS_PORT", "REDIS_HOST", "redis", "REDIS_PORT", "redis"),
                invalid("logging.format", "LOG_FORMAT", "LOG_FORMAT", "xml"),
                invalid("drain.deregistration-delay-seconds", "DRAIN_DEREGISTRATION_DELAY_SECONDS",
                        "DRAIN_DEREGISTRATION_DELAY_SECONDS", "-1"),
                invalid("drain.window-seconds", "DRAIN_WINDOW_SECONDS", "DRAIN_WINDOW_SECONDS", "3601"),
                invalid("drain.window-seconds", "DRAIN_WINDOW_SECONDS", "DRAIN_WINDOW_SECONDS", "ten"),
                invalid("rebalance.enabled", "REBALANCE_ENABLED", "REBALANCE_ENABLED", "on"),
                invalid("rebalance.margin-percent", "REBALANCE_MARGIN_PERCENT", "REBALANCE_MARGIN_PERCENT", "0"),
                invalid("rebalance.margin-percent", "REBALANCE_MARGIN_PERCENT", "REBALANCE_MARGIN_PERCENT", "1001"),
                invalid("rebalance.max-sheds-per-second", "REBALANCE_MAX_SHEDS_PER_SECOND",
                        "REBALANCE_MAX_SHEDS_PER_SECOND", "0"),
                invalid("logging.level", "LOG_LEVEL", "LOG_LEVEL", "fine"));
    }

    private static Arguments invalid(String key, String variable, String... environment) {
        return Arguments.of(key, variable, environment);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("invalidEnvironments")
    void invalidValueFailsNamingTheKeyAndItsVariable(String key, String variable, String[] environment) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < environment.length; i += 2) {
            env.put(environment[i], environment[i + 1].equals(A_FILE) ? file("file-" + i).toString() : environment[i + 1]);
        }

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(env));

        assertThat(error).as("loading %s must fail", env).isNotNull();
        assertThat(error.key()).isEqualTo(key);
        assertThat(error.getMessage()).contains(key).contains(variable);
    }

    @Test
    void configFileOverridesTheBundledDefaultsAndTheEnvironmentOverridesTheFile() throws IOException {
        Path yaml = Files.writeString(dir.resolve("gateway.yaml"), """
                server:
                  port: 7000
                  admin-port: 7001
                limits:
                  max-connections-per-user: 3
                rooms:
                  unknown: reject
                """);

        GatewayConfig config = ConfigLoader.load(Map.of("WSFLEET_CONFIG", yaml.toString(), "ADMIN_PORT", "7002",
                "ENVIRONMENT", "development"));

        assertThat(config.server().port()).isEqualTo(7000);
        assertThat(config.server().adminPort()).isEqualTo(7002);
        assertThat(config.limits().maxConnectionsPerUser()).isEqualTo(3);
        assertThat(config.rooms().unknownRooms()).isEqualTo(UnknownRoomPolicy.REJECT);
        // keys the file leaves out keep the bundled defaults
        assertThat(config.limits().messagesPerMinute()).isEqualTo(100);
    }

    @Test
    void configFileIsReadAsYamlWhateverItsName() throws IOException {
        Path file = Files.writeString(dir.resolve("gateway-config"), "server:\n  port: 7100\n");

        assertThat(ConfigLoader.load(Map.of("WSFLEET_CONFIG", file.toString(), "ENVIRONMENT", "development"))
                .server().port()).isEqualTo(7100);
    }

    @Test
    void malformedConfigFileFailsNamingTheVariable() throws IOException {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), "server:\n  port: [8080\n");

        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(Map.of("WSFLEET_CONFIG", file.toString())));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("WSFLEET_CONFIG");
    }

    /** Found by ConfigLoaderFuzzTest: Helidon's tree merge failed with an IllegalStateException on such keys. */
    @Test
    void aKeyWithEmptySegmentsFailsNamingTheVariable() throws IOException {
        Path file = Files.writeString(dir.resolve("gateway.yaml"),
                "environment: development\nse...ssion:\n  ping-interval-seconds: 30\n");

        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(Map.of("WSFLEET_CONFIG", file.toString())));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("WSFLEET_CONFIG");
    }

    @Test
    void invalidValueInTheConfigFileNamesTheKey() throws IOException {
        Path yaml = Files.writeString(dir.resolve("gateway.yaml"), "server:\n  port: eighty\n");

        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(Map.of("WSFLEET_CONFIG", yaml.toString())));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("server.port").contains("PORT").contains("eighty");
    }

    @Test
    void unreadableConfigFileFailsNamingTheVariable() {
        String missing = dir.resolve("missing.yaml").toString();

        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(Map.of("WSFLEET_CONFIG", missing)));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("WSFLEET_CONFIG").contains(missing);
    }

    private Path file(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "placeholder\n");
    }
}
