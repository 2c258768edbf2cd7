package io.wsfleet.gateway.redis;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * Listens to every Sentinel of a {@code redis-sentinel://} URI for the switch of its master
 * ({@code +switch-master <name> <old host> <old port> <new host> <new port>}, which each Sentinel
 * announces once the new master is in place) and runs a task once per switch. Without it the gateway
 * would stay on an old master that cannot tell it to leave: one that hangs or sits behind a partition
 * (until TCP keepalive gives up, about a minute), or one demoted by a planned failover (until the
 * Sentinels reconfigure it, 10 to 20 s later, taking writes meanwhile that are then lost).
 */
final class SentinelWatch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SentinelWatch.class.getName());
    private static final String SWITCH_CHANNEL = "+switch-master";

    private final List<StatefulRedisPubSubConnection<String, String>> connections = new ArrayList<>();
    /** The last switch acted on: every Sentinel announces the same one. */
    private final AtomicReference<String> lastSwitch = new AtomicReference<>("");

    private SentinelWatch() {
    }

    /** Subscribes on every Sentinel that answers now; Lettuce reconnects and subscribes again after an outage. */
    static SentinelWatch start(RedisClient client, RedisURI uri, Runnable onSwitch) {
        SentinelWatch watch = new SentinelWatch();
        String prefix = uri.getSentinelMasterId() + " ";
        for (RedisURI sentinel : uri.getSentinels()) {
            try {
                StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub(sentinel);
                connection.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        if (message.startsWith(prefix) && !message.equals(watch.lastSwitch.getAndSet(message))) {
                            LOG.log(Level.WARNING, "Redis master switched ({0}): reconnecting to the new one", message);
                            onSwitch.run();
                        }
                    }
                });
                connection.sync().subscribe(SWITCH_CHANNEL);
                watch.connections.add(connection);
            } catch (RedisException unreachable) {
                // a Sentinel down at start: the others announce the switch
                LOG.log(Level.WARNING, "Sentinel {0}:{1} not reachable; watching the others", sentinel.getHost(), sentinel.getPort());
            }
        }
        return watch;
    }

    @Override
    public void close() {
        connections.forEach(StatefulRedisPubSubConnection::close);
    }
}
