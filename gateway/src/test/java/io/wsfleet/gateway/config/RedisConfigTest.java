package io.wsfleet.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** How the Redis settings (the seed's REDIS_HOST/REDIS_PORT, or REDIS_URL) turn into a cluster configuration. */
class RedisConfigTest {

    private static GatewayConfig.Redis redis(Map<String, String> environment) {
        var withEnvironment = new java.util.HashMap<>(environment);
        withEnvironment.put("ENVIRONMENT", "development");
        return ConfigLoader.load(withEnvironment).redis().orElseThrow();
    }

    @Test
    void noRedisSettingMeansTheInMemoryBroker() {
        assertThat(ConfigLoader.load(Map.of("ENVIRONMENT", "development")).redis()).isEmpty();
    }

    @Test
    void seedNamesBuildAUrl() {
        GatewayConfig.Redis redis = redis(Map.of("REDIS_HOST", "cache", "REDIS_PORT", "6380", "REDIS_PASSWORD", "pw"));
        assertThat(redis.uris()).containsExactly("redis://:pw@cache:6380");
        assertThat(redis.cluster()).isFalse();
        assertThat(redis.prefix()).isEqualTo("wsfleet");
        assertThat(redis.presenceLease()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void urlWinsOverHostAndKeepsItsCredentialsTlsAndDatabase() {
        GatewayConfig.Redis redis = redis(Map.of("REDIS_URL", "rediss://app:secret@redis.internal:6380/2",
                "REDIS_HOST", "ignored", "REDIS_PASSWORD", "ignored-too"));
        assertThat(redis.uris()).containsExactly("rediss://app:secret@redis.internal:6380/2");
    }

    @Test
    void clusterSeedsShareTheSchemeAndCredentialsOfTheFirst() {
        GatewayConfig.Redis redis = redis(Map.of("REDIS_URL", "redis://:pw@h1:7000, h2:7001,h3:7002",
                "REDIS_CLUSTER", "true", "REDIS_PREFIX", "tenant-a", "PRESENCE_LEASE_SECONDS", "8"));
        assertThat(redis.uris()).containsExactly("redis://:pw@h1:7000", "redis://:pw@h2:7001", "redis://:pw@h3:7002");
        assertThat(redis.cluster()).isTrue();
        assertThat(redis.prefix()).isEqualTo("tenant-a");
        assertThat(redis.presenceLease()).isEqualTo(Duration.ofSeconds(8));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            REDIS_URL              | http://cache:6379            | redis.url
            REDIS_URL              | cache:6379                   | redis.url
            REDIS_URL              | redis://cache                | redis.url
            REDIS_URL              | redis://h1:7000,h2:7001      | redis.url
            REDIS_PREFIX           | has space                    | redis.prefix
            PRESENCE_LEASE_SECONDS | 2                            | redis.presence-lease-seconds
            REDIS_CLUSTER          | maybe                        | redis.cluster
            REDIS_URL              | redis-sentinel://s1:26379    | redis.url
            REDIS_URL              | redis-sentinel://s1:26379#   | redis.url
            REDIS_URL              | redis-sentinel://s1,s2#m     | redis.url
            REDIS_SENTINEL_PASSWORD | pw                          | redis.sentinel-password
            """)
    void invalidSettingsNameTheirKey(String variable, String value, String key) {
        Map<String, String> environment = variable.equals("REDIS_URL")
                ? Map.of(variable, value)
                : Map.of("REDIS_URL", "redis://cache:6379", variable, value);
        assertThatThrownBy(() -> ConfigLoader.load(environment))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }

    @Test
    void aMalformedUrlDoesNotEchoItsPassword() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("ENVIRONMENT", "development",
                "REDIS_URL", "redis://:top secret@cache:6379")))
                .isInstanceOf(ConfigException.class)
                .message().doesNotContain("top secret");
    }

    @Test
    void seedsAreListedInOrder() {
        assertThat(redis(Map.of("REDIS_URL", "redis://a:1,b:2", "REDIS_CLUSTER", "true")).uris())
                .isEqualTo(List.of("redis://a:1", "redis://b:2"));
    }

    @Test
    void aSentinelUrlStaysOneUrlWithTheServersPasswordAndTheMastersName() {
        GatewayConfig.Redis redis = redis(Map.of("REDIS_URL", "redis-sentinel://s1:26379, s2:26380/0#mymaster",
                "REDIS_PASSWORD", "pw", "REDIS_SENTINEL_PASSWORD", "spw"));
        assertThat(redis.uris()).containsExactly("redis-sentinel://:pw@s1:26379,s2:26380/0#mymaster");
        assertThat(redis.sentinel()).isTrue();
        assertThat(redis.cluster()).isFalse();
        assertThat(redis.sentinelPassword()).contains("spw");
    }

    @Test
    void aSentinelUrlIsNotARedisCluster() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("ENVIRONMENT", "development",
                "REDIS_URL", "redis-sentinel://s1:26379#mymaster", "REDIS_CLUSTER", "true")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("redis.cluster");
    }
}
