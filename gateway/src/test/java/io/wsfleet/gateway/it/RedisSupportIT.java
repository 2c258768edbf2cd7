package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Socket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wsfleet.gateway.support.RedisCluster;
import io.wsfleet.gateway.support.RedisServer;
import org.junit.jupiter.api.Test;

/** The Redis test support starts real servers and clusters, and crashes and revives them on demand. */
class RedisSupportIT {
    // A CLUSTER SLOTS entry starts with its range: an array whose first two elements are integers.
    private static final Pattern SLOT_RANGE = Pattern.compile("\\*\\d+\r\n:(\\d+)\r\n:(\\d+)\r\n");

    @Test
    void serverAnswersAndComesBackEmptyOnTheSamePortAfterAKill() {
        try (RedisServer redis = RedisServer.start()) {
            int port = redis.port();
            assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + port);
            assertThat(redis.command("PING")).isEqualTo("+PONG\r\n");
            assertThat(redis.command("SET", "key", "value")).isEqualTo("+OK\r\n");
            assertThat(redis.command("GET", "key")).isEqualTo("$5\r\nvalue\r\n");

            redis.kill();
            assertThat(redis.running()).isFalse();
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);

            redis.restart();
            assertThat(redis.running()).isTrue();
            assertThat(redis.port()).isEqualTo(port);
            assertThat(redis.command("PING")).isEqualTo("+PONG\r\n");
            assertThat(redis.command("DBSIZE")).isEqualTo(":0\r\n");
        }
    }

    @Test
    void clusterIsHealthyOnEveryNodeAndServesAllSlots() {
        try (RedisCluster cluster = RedisCluster.start()) {
            assertThat(cluster.ports()).hasSize(3).doesNotHaveDuplicates();
            assertThat(cluster.uri()).isEqualTo("redis://127.0.0.1:%d,127.0.0.1:%d,127.0.0.1:%d"
                    .formatted(cluster.ports().toArray()));
            for (int port : cluster.ports()) {
                assertThat(cluster.command(port, "CLUSTER", "INFO")).contains("cluster_state:ok");
            }

            Matcher ranges = SLOT_RANGE.matcher(cluster.command(cluster.ports().get(0), "CLUSTER", "SLOTS"));
            int slots = 0;
            while (ranges.find()) {
                slots += Integer.parseInt(ranges.group(2)) - Integer.parseInt(ranges.group(1)) + 1;
            }
            assertThat(slots).isEqualTo(16384);
        }
    }
}
