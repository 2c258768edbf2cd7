package io.wsfleet.gateway.observe;

import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wsfleet.gateway.auth.JwksKeySet;
import io.wsfleet.gateway.auth.KeyFileWatcher;
import io.wsfleet.gateway.node.Node;

/**
 * The gateway's own meter registry (one per gateway, never a global one), in the Prometheus format,
 * with the JVM and process meters; components register their meters on {@link #registry()}.
 */
public final class Metrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        gc.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Gauges of what the node holds: connections (the autoscaling signal), users, rooms and held leaves. */
    public void watch(Node node) {
        Gauge.builder("wsfleet.connections", node, Node::connectionCount)
                .description("Open WebSocket sessions on this gateway")
                .register(registry);
        Gauge.builder("wsfleet.users", node, Node::localUsers)
                .description("Users with at least one session on this gateway")
                .register(registry);
        Gauge.builder("wsfleet.rooms", node, Node::localRooms)
                .description("Rooms with at least one member connected to this gateway")
                .register(registry);
        Gauge.builder("wsfleet.presence.leaves.held", node, Node::heldLeaves)
                .description("Connections closed with 1012 whose rooms keep their user for the reconnect grace")
                .register(registry);
        Gauge.builder("wsfleet.ready", node, watched -> watched.draining() || !watched.brokerHealthy() ? 0 : 1)
                .description("1 while the gateway accepts new connections (what /health/ready says), else 0")
                .register(registry);
    }

    /** 1 while every Redis connection is up, 0 during an outage; only registered when Redis is configured. */
    public void watchRedis(BooleanSupplier connected) {
        Gauge.builder("wsfleet.redis.connected", connected, up -> up.getAsBoolean() ? 1 : 0)
                // Nothing else holds the supplier: the gauge's default weak reference would lose it.
                .strongReference(true)
                .description("1 while every Redis connection (commands, subscriptions, each cluster shard) is up, else 0")
                .register(registry);
    }

    /** The key set's failed fetches and the keys in use (0: every token is refused). */
    public void watchKeySet(JwksKeySet keys) {
        FunctionCounter.builder("wsfleet.jwks.fetch.failures", keys, JwksKeySet::failures)
                .description("JWKS fetches that failed: error status, not a key set, unreachable")
                .register(registry);
        Gauge.builder("wsfleet.jwks.keys", keys, watched -> watched.status().keys())
                .description("Keys of the JSON Web Key Set in use; 0 while none could be fetched (tokens are refused)")
                .register(registry);
    }

    /** The key file's rotations, its reads that found no key, and the keys that verify now (2 during an overlap). */
    public void watchKeyFile(KeyFileWatcher file) {
        FunctionCounter.builder("wsfleet.jwt.key.rotations", file, KeyFileWatcher::rotations)
                .description("Times the JWT key file held a new key, which then verified tokens at once")
                .register(registry);
        FunctionCounter.builder("wsfleet.jwt.key.reload.failures", file, KeyFileWatcher::failures)
                .description("Reads of the JWT key file that found no valid key; the keys in use stayed")
                .register(registry);
        Gauge.builder("wsfleet.jwt.keys", file, KeyFileWatcher::liveKeys)
                .description("JWT keys that verify tokens: 1, and more during the overlap after a rotation")
                .register(registry);
    }

    /** Every meter in the Prometheus text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
