package io.wsfleet.gateway.redis;

import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.Delegating;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.Event;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.DefaultEndpoint;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.wsfleet.gateway.config.ConfigException;
import io.wsfleet.gateway.config.GatewayConfig;

/**
 * The gateway's two Redis connections, to a standalone server, the master that Sentinels name, or a
 * Redis Cluster: one for commands and publishing, one for subscriptions (a subscribed connection
 * cannot run commands). Commands fail fast while Redis is unreachable instead of queueing without
 * limit (a queued publish would be replayed after reconnect, before subscriptions are back, and be
 * lost anyway); Lettuce reconnects with a backoff capped at one second; {@link #onReconnected}
 * listeners run once every connection is back.
 */
public final class RedisConnections implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisConnections.class.getName());
    /** Longest a command may take before it fails: a publish never waits on a Redis that went away. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** Commands queued on a connection at most; beyond, new ones fail at once. */
    private static final int REQUEST_QUEUE_SIZE = 10_000;

    private final AbstractRedisClient client;
    private final ClientResources resources;
    private final StatefulConnection<String, String> commandConnection;
    private final RedisClusterAsyncCommands<String, String> async;
    private final RedisClusterCommands<String, String> sync;
    /**
     * Channels as text, messages as bytes: a publication arrives as its UTF-8 frame and is framed for the
     * wire without being decoded to text and encoded again.
     */
    private static final RedisCodec<String, byte[]> PUB_SUB_CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final StatefulRedisPubSubConnection<String, byte[]> pubSub;
    private final boolean cluster;
    /** Sharded in a cluster, so that channels spread over the shards. */
    private final CommandType publish;
    /** With Sentinels: their announcements of a new master, which reconnect both connections at once. */
    private final SentinelWatch sentinelWatch;
    private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean lostSinceUp = new AtomicBoolean();
    private final Set<SocketAddress> downEndpoints = ConcurrentHashMap.newKeySet();

    private RedisConnections(GatewayConfig.Redis config) {
        this.cluster = config.cluster();
        this.publish = cluster ? CommandType.SPUBLISH : CommandType.PUBLISH;
        this.resources = ClientResources.builder()
                // Lettuce's default backs off to 30 s; an outage of a second should cost about a second.
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        List<RedisURI> uris = config.uris().stream().map(RedisURI::create).toList();
        // The URL's password is the Redis servers'; Lettuce asks each Sentinel with the Sentinel's own. Asking for
        // the master takes at most the command timeout, not the URL's default minute, so that a reconnect
        // moves on to the next Sentinel soon.
        config.sentinelPassword().ifPresent(password -> uris.getFirst().getSentinels()
                .forEach(sentinel -> sentinel.setAuthentication(password)));
        if (config.sentinel()) {
            uris.getFirst().setTimeout(COMMAND_TIMEOUT);
        }
        try {
            if (cluster) {
                RedisClusterClient clusterClient = RedisClusterClient.create(resources, uris);
                clusterClient.setOptions(ClusterClientOptions.builder(clientOptions())
                        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                                .enableAllAdaptiveRefreshTriggers()
                                .enablePeriodicRefresh(Duration.ofSeconds(30))
                                .build())
                        .build());
                this.client = clusterClient;
                var connection = clusterClient.connect();
                this.commandConnection = connection;
                this.async = connection.async();
                this.sync = connection.sync();
                var clusterPubSub = clusterClient.connectPubSub(PUB_SUB_CODEC);
                this.pubSub = clusterPubSub;
                // Open the connection to every master now: commands fail fast on a node connection that
                // is not up, so a lazily opened one would refuse the first commands routed to it.
                connection.sync().upstream().asMap().values().forEach(node -> node.ping());
                clusterPubSub.sync().upstream().asMap().values().forEach(node -> node.ping());
                this.sentinelWatch = null;
            } else {
                // With Sentinels, every connect and reconnect first asks them for the current master: after a
                // failover both connections land on the new one.
                RedisClient standalone = RedisClient.create(resources, uris.getFirst());
                standalone.setOptions(clientOptions());
                this.client = standalone;
                var connection = standalone.connect();
                this.commandConnection = connection;
                this.async = connection.async();
                this.sync = connection.sync();
                this.pubSub = standalone.connectPubSub(PUB_SUB_CODEC);
                this.sentinelWatch = config.sentinel() ? SentinelWatch.start(standalone, uris.getFirst(), this::leaveOldMaster) : null;
            }
        } catch (RedisException e) {
            resources.shutdown();
            throw new ConfigException("redis.url", "cannot connect to Redis: " + e.getMessage());
        }
        if (cluster) {
            resources.eventBus().get().subscribe(this::onClusterEvent);
        } else {
            // Per connection, not from the event bus: that also reports Lettuce's short-lived connections to
            // the Sentinels, and a master's address that a failover has replaced would stay "down" for ever.
            RedisConnectionStateListener listener = new RedisConnectionStateListener() {
                @Override
                public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                    restoredIfConnected();
                }

                @Override
                public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                    lost(connection == pubSub ? "subscriptions" : "commands");
                }
            };
            commandConnection.addListener(listener);
            pubSub.addListener(listener);
        }
    }

    public static RedisConnections open(GatewayConfig.Redis config) {
        return new RedisConnections(config);
    }

    private static ClientOptions clientOptions() {
        return ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(REQUEST_QUEUE_SIZE)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(COMMAND_TIMEOUT)
                        .keepAlive(SocketOptions.KeepAliveOptions.builder()
                                .enable()
                                .idle(Duration.ofSeconds(30))
                                .interval(Duration.ofSeconds(10))
                                .count(3)
                                .build())
                        .build())
                .build();
    }

    public boolean cluster() {
        return cluster;
    }

    /** Asynchronous commands, for the hot path (publish). Never blocks the caller. */
    public RedisClusterAsyncCommands<String, String> async() {
        return async;
    }

    /** Blocking commands (bounded by the command timeout), for virtual threads only: never on an event loop. */
    public RedisClusterCommands<String, String> sync() {
        return sync;
    }

    public StatefulRedisPubSubConnection<String, byte[]> pubSub() {
        return pubSub;
    }

    /**
     * Sends a command whose keys and arguments are bytes already, on the command connection: the
     * connection's codec is the String one, which re-encodes every argument into a temporary buffer
     * (UTF-8's size is not known ahead), while bytes are written as they are. A cluster routes the
     * command by its first key argument. The arguments' codec only encodes and the output brings its
     * own, so the command fits the connection whatever its type parameters say.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> RedisFuture<T> dispatch(ProtocolKeyword type, CommandOutput<byte[], byte[], T> output,
                                       CommandArgs<byte[], byte[]> args) {
        return ((RedisClusterAsyncCommands) async).dispatch(type, output, args);
    }

    /** Publishes bytes to a channel: {@code SPUBLISH} in a cluster (the shard of the channel), else {@code PUBLISH}. */
    public RedisFuture<Long> publish(byte[] channel, byte[] message) {
        return dispatch(publish, new IntegerOutput<>(ByteArrayCodec.INSTANCE),
                new CommandArgs<>(ByteArrayCodec.INSTANCE).addKey(channel).addValue(message));
    }

    /** The name of {@link #publish}'s command, for scripts that publish. */
    public byte[] publishCommand() {
        return publish.getBytes();
    }

    /**
     * Receives every message of the subscribed channels, plain or sharded, as (channel, message), on a
     * Lettuce event-loop thread. A cluster connection reports sharded messages per node, so it needs
     * its own listener type.
     */
    public void onMessage(BiConsumer<String, byte[]> consumer) {
        if (pubSub instanceof StatefulRedisClusterPubSubConnection<String, byte[]> clusterPubSub) {
            clusterPubSub.addListener(new RedisClusterPubSubAdapter<>() {
                @Override
                public void message(RedisClusterNode node, String channel, byte[] message) {
                    consumer.accept(channel, message);
                }

                @Override
                public void smessage(RedisClusterNode node, String channel, byte[] message) {
                    consumer.accept(channel, message);
                }
            });
        } else {
            pubSub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, byte[] message) {
                    consumer.accept(channel, message);
                }

                @Override
                public void smessage(String channel, byte[] message) {
                    consumer.accept(channel, message);
                }
            });
        }
    }

    /** Runs a task after a delay on Lettuce's event executors: it must not block. */
    public void schedule(Runnable task, Duration delay) {
        resources.eventExecutorGroup().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Both connections are up, and (in a cluster) the connection to every shard. */
    public boolean connected() {
        return downEndpoints.isEmpty() && commandConnection.isOpen() && pubSub.isOpen();
    }

    /** Runs after Redis came back: the node re-asserts what it holds and tells clients about the gap. */
    public void onReconnected(Runnable listener) {
        reconnectListeners.add(listener);
    }

    @Override
    public void close() {
        if (sentinelWatch != null) {
            sentinelWatch.close();
        }
        pubSub.close();
        commandConnection.close();
        client.shutdown();
        resources.shutdown();
    }

    /**
     * Tracks which Redis Cluster endpoints have a deactivated connection. A cluster has a connection per
     * shard, each reconnecting on its own; once none is down after an outage, the listeners run.
     * They also restore what Lettuce does not: sharded subscriptions of a restarted cluster node.
     */
    private void onClusterEvent(Event event) {
        if (event instanceof ConnectionDeactivatedEvent deactivated) {
            downEndpoints.add(deactivated.remoteAddress());
            lost(deactivated.remoteAddress());
        } else if (event instanceof ConnectionActivatedEvent activated) {
            downEndpoints.remove(activated.remoteAddress());
            restoredIfConnected();
        }
    }

    /**
     * Drops both connections' channels: Lettuce reconnects them at once, and a reconnect asks the Sentinels for
     * the master. A connection that is on the new master already comes back to it.
     */
    private void leaveOldMaster() {
        for (StatefulConnection<?, ?> connection : List.<StatefulConnection<?, ?>>of(commandConnection, pubSub)) {
            RedisChannelWriter writer = ((RedisChannelHandler<?, ?>) connection).getChannelWriter();
            if (writer instanceof Delegating<?> delegating) {
                writer = (RedisChannelWriter) delegating.unwrap();
            }
            if (writer instanceof DefaultEndpoint endpoint) {
                endpoint.disconnect();
            }
        }
    }

    private void lost(Object what) {
        if (lostSinceUp.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "Redis connection lost ({0}); readiness is down until it is back", what);
        }
    }

    private void restoredIfConnected() {
        if (connected() && lostSinceUp.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "Redis connection restored");
            // Off Lettuce's threads: listeners talk to Redis and to every local session.
            Thread.ofVirtual().name("wsfleet-redis-reconnected").start(
                    () -> reconnectListeners.forEach(Runnable::run));
        }
    }
}
