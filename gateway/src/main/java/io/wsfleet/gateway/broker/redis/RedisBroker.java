package io.wsfleet.gateway.broker.redis;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.wsfleet.gateway.broker.Broker;
import io.wsfleet.gateway.broker.BrokerListener;
import io.wsfleet.gateway.broker.Once;
import io.wsfleet.gateway.broker.Publication;
import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.history.StreamHistory;
import io.wsfleet.gateway.protocol.AsciiBytes;
import io.wsfleet.gateway.redis.RedisConnections;
import io.wsfleet.gateway.redis.RedisScript;

/**
 * Fan-out through Redis pub/sub, one channel per room and per user plus one broadcast channel. A node
 * subscribes to a channel only while it holds the topic ({@code TopicSubscriptions} decides), so it
 * receives only the traffic of its own rooms and users. On a Redis Cluster it uses sharded pub/sub
 * ({@code SPUBLISH}/{@code SSUBSCRIBE}) so that the load spreads over the shards.
 *
 * <p>Each Redis channel delivers in publish order on one Lettuce event-loop thread; the listener only
 * queues frames, so it never blocks the event loop. While Redis is unreachable publishes fail at once.
 */
public final class RedisBroker implements Broker {
    private static final System.Logger LOG = System.getLogger(RedisBroker.class.getName());
    private static final Duration SUBSCRIBE_RETRY = Duration.ofMillis(500);
    /**
     * Check and publish in one round trip: KEYS[1] remembers the client message id (value: the server
     * id, expiring after the window), KEYS[2] is the channel; ARGV: server id, window in ms, PUBLISH or
     * SPUBLISH, message. Returns the server id that counts.
     */
    private static final RedisScript PUBLISH_ONCE = RedisScript.of("""
            local first = redis.call('GET', KEYS[1])
            if first then return first end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call(ARGV[3], KEYS[2], ARGV[4])
            return ARGV[1]
            """);

    private record Subscription(Topic topic, BrokerListener listener) {
    }

    private final RedisConnections redis;
    private final ChannelNames channels;
    private final RoomEncryption encryption;
    private final RedisStreams streams;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    public RedisBroker(RedisConnections redis, String prefix, RoomEncryption encryption) {
        this.redis = redis;
        this.channels = new ChannelNames(prefix);
        this.encryption = encryption;
        this.streams = new RedisStreams(redis, channels, encryption);
        redis.onMessage(this::deliver);
    }

    @Override
    public CompletionStage<Void> publish(Topic topic, Publication publication) {
        if (publication.retention().kept()) {
            return streams.publish(topic, publication, null).thenApply(counted -> null);
        }
        byte[] message = encryption.seal(topic, PublicationCodec.encode(publication));
        return redis.publish(channels.keys(topic).channel(), message).thenApply(receivers -> null);
    }

    @Override
    public CompletionStage<String> publishOnce(Topic topic, Publication publication, Once once) {
        if (publication.retention().kept()) {
            return streams.publish(topic, publication, once);
        }
        byte[] message = encryption.seal(topic, PublicationCodec.encode(publication));
        byte[][] keys = {channels.onceKey(topic, once), channels.keys(topic).channel()};
        return PUBLISH_ONCE.<byte[]>run(redis, ScriptOutputType.VALUE, keys,
                        once.serverMessageId().getBytes(StandardCharsets.UTF_8), AsciiBytes.digits(once.window().toMillis()),
                        redis.publishCommand(), message)
                .thenApply(id -> new String(id, StandardCharsets.UTF_8));
    }

    /**
     * Subscribes; the stage reports the first attempt (so that a join fails fast while Redis is away),
     * and a failed attempt is retried in the background for as long as the topic is wanted: a
     * restarted cluster master refuses subscriptions until its slots are served again.
     */
    @Override
    public CompletionStage<Void> subscribe(Topic topic, BrokerListener listener) {
        String channel = channels.of(topic);
        Subscription subscription = new Subscription(topic, listener);
        subscriptions.put(channel, subscription);
        return sendSubscribe(channel, subscription);
    }

    private CompletionStage<Void> sendSubscribe(String channel, Subscription subscription) {
        var commands = redis.pubSub().async();
        RedisFuture<Void> sent = redis.cluster() ? commands.ssubscribe(channel) : commands.subscribe(channel);
        sent.whenComplete((done, failure) -> {
            if (failure != null && subscriptions.get(channel) == subscription) {
                LOG.log(Level.DEBUG, "subscribing to {0} failed, retrying: {1}", channel, failure.getMessage());
                redis.schedule(() -> {
                    if (subscriptions.get(channel) == subscription) {
                        sendSubscribe(channel, subscription);
                    }
                }, SUBSCRIBE_RETRY);
            }
        });
        return sent;
    }

    /**
     * Unsubscribes; a failed attempt is retried while the topic is still unwanted, since Lettuce
     * restores every channel it believes subscribed when it reconnects.
     */
    @Override
    public CompletionStage<Void> unsubscribe(Topic topic) {
        String channel = channels.of(topic);
        subscriptions.remove(channel);
        return sendUnsubscribe(channel);
    }

    private CompletionStage<Void> sendUnsubscribe(String channel) {
        var commands = redis.pubSub().async();
        RedisFuture<Void> sent = redis.cluster() ? commands.sunsubscribe(channel) : commands.unsubscribe(channel);
        sent.whenComplete((done, failure) -> {
            if (failure != null && !subscriptions.containsKey(channel)) {
                redis.schedule(() -> {
                    if (!subscriptions.containsKey(channel)) {
                        sendUnsubscribe(channel);
                    }
                }, SUBSCRIBE_RETRY);
            }
        });
        return sent;
    }

    @Override
    public StreamHistory history() {
        return streams;
    }

    @Override
    public boolean healthy() {
        return redis.connected();
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public void close() {
        subscriptions.clear();
    }

    private void deliver(String channel, byte[] message) {
        Subscription subscription = subscriptions.get(channel);
        if (subscription == null) {
            return; // unsubscribed while the message was in flight
        }
        try {
            Publication publication = streams.received(message);
            subscription.listener().onPublication(subscription.topic(), publication);
        } catch (RuntimeException e) {
            // A malformed message (another version, a stray PUBLISH) must not break the channel for others.
            LOG.log(Level.WARNING, "dropped an unreadable message on " + channel, e);
        }
    }
}
