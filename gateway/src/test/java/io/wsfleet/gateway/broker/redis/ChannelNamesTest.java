package io.wsfleet.gateway.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.lettuce.core.cluster.SlotHash;
import io.wsfleet.gateway.broker.Once;
import io.wsfleet.gateway.broker.Topic;
import org.junit.jupiter.api.Test;

/** One script touches a topic's channel and keys together, so on a Redis Cluster they must share a slot. */
class ChannelNamesTest {

    @Test
    void everyKeyOfATopicIsInItsChannelsSlot() {
        for (String prefix : new String[] {"wsfleet", "{tenant}", "a{b"}) {
            ChannelNames names = new ChannelNames(prefix);
            // User ids come from tokens and may hold braces; a tag of their own or a lone brace must still work.
            for (Topic topic : new Topic[] {new Topic.Room("lobby"), new Topic.User("ada"), new Topic.User("{ada}"),
                    new Topic.User("a{da"), new Topic.User("ünï")}) {
                String channel = names.of(topic);
                Once once = new Once("ada", "m-1", "s-1", Duration.ofSeconds(60));
                ChannelNames.TopicKeys keys = names.keys(topic);
                assertThat(keys.channel()).as(channel).isEqualTo(channel.getBytes(StandardCharsets.UTF_8));
                assertThat(SlotHash.getSlot(keys.stream())).as(channel).isEqualTo(SlotHash.getSlot(channel));
                assertThat(SlotHash.getSlot(keys.position())).as(channel).isEqualTo(SlotHash.getSlot(channel));
                assertThat(SlotHash.getSlot(names.onceKey(topic, once))).as(channel).isEqualTo(SlotHash.getSlot(channel));
            }
        }
    }
}
