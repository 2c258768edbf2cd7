package io.wsfleet.gateway.broker.redis;

import java.nio.charset.StandardCharsets;

import io.lettuce.core.cluster.SlotHash;
import io.wsfleet.gateway.broker.Once;
import io.wsfleet.gateway.broker.Topic;

/**
 * Redis channel names of topics, under the cluster prefix: {@code <prefix>:room:<id>},
 * {@code <prefix>:user:<id>}, {@code <prefix>:broadcast}, {@code <prefix>:presence:<id>}. Each room and user is a channel of its own,
 * so a node hears only the rooms and users it holds, and in a Redis Cluster the channels spread over
 * the shards.
 */
final class ChannelNames {
    /** Topics whose keys are kept rendered: the rooms and users a busy gateway publishes to, a few MB at most. */
    private static final int RENDERED_TOPICS = 10_000;

    private final String room;
    private final String user;
    private final String broadcast;
    private final String presence;
    private final BoundedCache<Topic, TopicKeys> rendered = new BoundedCache<>(RENDERED_TOPICS, this::render);

    /**
     * A topic's channel, stream and position names as the bytes Redis commands carry: rendered once per
     * topic, not once per publication (each rendering is three strings and their encodings).
     */
    record TopicKeys(byte[] channel, byte[] position, byte[] stream) {
    }

    ChannelNames(String prefix) {
        this.room = prefix + ":room:";
        this.user = prefix + ":user:";
        this.broadcast = prefix + ":broadcast";
        this.presence = prefix + ":presence:";
    }

    TopicKeys keys(Topic topic) {
        return rendered.get(topic);
    }

    private TopicKeys render(Topic topic) {
        String channel = of(topic);
        return new TopicKeys(utf8(channel), utf8(positionKey(channel)), utf8(streamKey(channel)));
    }

    private static byte[] utf8(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    String of(Topic topic) {
        return switch (topic) {
            case Topic.Room r -> room + r.roomId();
            case Topic.User u -> user + u.userId();
            case Topic.Broadcast b -> broadcast;
            case Topic.Presence p -> presence + p.userId();
        };
    }

    /**
     * The key remembering a client message id published to {@code topic}'s channel. Like every key of a topic,
     * it lives in the channel's cluster slot (hash tag), so that one script can use it and publish to
     * the shard channel.
     */
    byte[] onceKey(Topic topic, Once once) {
        return utf8(inSlotOf(of(topic), ":once:" + once.keySuffix()));
    }

    /** The stream of kept publications of {@code channel}'s topic, in the channel's slot. */
    private static String streamKey(String channel) {
        return inSlotOf(channel, ":stream");
    }

    /** The stream's position (hash {@code epoch}, {@code offset}), in the channel's slot. */
    private static String positionKey(String channel) {
        return inSlotOf(channel, ":position");
    }

    private static String inSlotOf(String channel, String suffix) {
        String tagged = "{" + channel + "}" + suffix;
        // Without braces the channel hashes whole, as its tag does: no need to hash on every publication.
        if (channel.indexOf('{') < 0 && channel.indexOf('}') < 0 || SlotHash.getSlot(tagged) == SlotHash.getSlot(channel)) {
            return tagged;
        }
        return channel + suffix; // a channel with braces of its own: its hash tag comes first
    }
}
