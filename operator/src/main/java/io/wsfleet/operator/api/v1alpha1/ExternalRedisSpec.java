package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A Redis (or Redis Cluster) the gateways connect to as they are told. */
public record ExternalRedisSpec(
        @Required @Pattern("^rediss?://.+")
        @JsonPropertyDescription("redis:// or rediss:// URL; for a Redis Cluster, comma-separated seeds (redis://h1:6379,h2:6379). Without a password.")
        String url,
        @JsonPropertyDescription("Secret key holding the Redis password (REDIS_PASSWORD).") SecretKeyRef passwordSecret,
        @Default("false") @JsonPropertyDescription("The URL names a Redis Cluster (sharded pub/sub, Redis 7+).") Boolean cluster) {

    public ExternalRedisSpec {
        cluster = cluster != null && cluster;
    }
}
