package io.wsfleet.gateway.broker.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.ScriptOutputType;
import io.wsfleet.gateway.broker.Once;
import io.wsfleet.gateway.broker.Publication;
import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.history.KeptEntry;
import io.wsfleet.gateway.history.Retention;
import io.wsfleet.gateway.history.StreamHistory;
import io.wsfleet.gateway.history.StreamPosition;
import io.wsfleet.gateway.history.StreamSlice;
import io.wsfleet.gateway.redis.RedisConnections;
import io.wsfleet.gateway.redis.RedisScript;

/**
 * Kept publications in Redis: per topic a stream whose entry ids are {@code 0-<offset>} (so offsets
 * are read back by id) and a position hash ({@code epoch}, {@code offset}), both in the topic
 * channel's slot. One script assigns the offset, appends, trims and publishes in one round trip, so a
 * publication is never delivered without being kept and two gateways never hand out the same offset.
 * A Redis that lost its data has no position hash: the next read or publication starts a new epoch.
 *
 * <p>A kept publication crosses Redis as {@code @<offset>:<epoch>:} before the (possibly encrypted)
 * publication; the stream stores the publication without that prefix.
 */
final class RedisStreams implements StreamHistory {
    static final char KEPT = '@';
    /** How long a stream's position outlives its last publication, so idle rooms keep their epoch. */
    static final Duration POSITION_KEPT = Duration.ofHours(24);

    /**
     * KEYS: position, stream, channel[, client message id]. ARGV: epoch if the stream has none, size,
     * ttl ms, position ttl ms, PUBLISH or SPUBLISH, the publication, its server timestamp (what the entry's
     * age is judged by)[, server id, dedup window ms]. Returns the server id that counts ('' without a
     * client message id). The hot path of every kept publication: each command and each Lua call costs
     * Redis time (asking Redis for its clock here cost more than the append), so the timestamp comes
     * from the frame, and the epoch is written only when the stream has none.
     */
    private static final RedisScript PUBLISH_KEPT = RedisScript.of("""
            if KEYS[4] then
              local first = redis.call('GET', KEYS[4])
              if first then return first end
              redis.call('SET', KEYS[4], ARGV[8], 'PX', ARGV[9])
            end
            local epoch = redis.call('HGET', KEYS[1], 'epoch')
            if not epoch then
              epoch = ARGV[1]
              redis.call('HSET', KEYS[1], 'epoch', epoch)
            end
            local offset = redis.call('HINCRBY', KEYS[1], 'offset', 1)
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '0-' .. offset, 't', ARGV[7], 'm', ARGV[6])
            redis.call('PEXPIRE', KEYS[2], ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            redis.call(ARGV[5], KEYS[3], '@' .. offset .. ':' .. epoch .. ':' .. ARGV[6])
            return ARGV[8] or ''
            """);

    /**
     * KEYS: position, stream. ARGV: epoch if the stream has none, position ttl ms, after or before,
     * offset, count. Returns {epoch, offset, now ms, entries} (entries oldest first for after, newest
     * first for before).
     */
    private static final RedisScript READ = RedisScript.of("""
            redis.call('HSETNX', KEYS[1], 'epoch', ARGV[1])
            redis.call('HSETNX', KEYS[1], 'offset', 0)
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            local position = redis.call('HMGET', KEYS[1], 'epoch', 'offset')
            local now = redis.call('TIME')
            local millis = now[1] .. string.format('%03d', math.floor(tonumber(now[2]) / 1000))
            local entries
            if ARGV[3] == 'after' then
              entries = redis.call('XRANGE', KEYS[2], '(0-' .. ARGV[4], '+', 'COUNT', ARGV[5])
            else
              entries = redis.call('XREVRANGE', KEYS[2], '(0-' .. ARGV[4], '-', 'COUNT', ARGV[5])
            end
            return {position[1], position[2], millis, entries}
            """);

    private final RedisConnections redis;
    private final ChannelNames channels;
    private final RoomEncryption encryption;

    RedisStreams(RedisConnections redis, ChannelNames channels, RoomEncryption encryption) {
        this.redis = redis;
        this.channels = channels;
        this.encryption = encryption;
    }

    /** Keeps and publishes; with {@code once}, only if that client message was not published in its window. */
    CompletionStage<String> publish(Topic topic, Publication publication, Once once) {
        String channel = channels.of(topic);
        String message = encryption.seal(topic, PublicationCodec.encode(publication));
        Retention retention = publication.retention();
        List<String> keys = new ArrayList<>(List.of(channels.positionKey(channel), channels.streamKey(channel), channel));
        List<String> args = new ArrayList<>(List.of(StreamPosition.newEpoch(), Integer.toString(retention.size()),
                Long.toString(retention.ttl().toMillis()), Long.toString(positionTtl(retention).toMillis()),
                redis.cluster() ? "SPUBLISH" : "PUBLISH", message, Long.toString(publication.frame().timestamp())));
        if (once != null) {
            keys.add(channels.onceKey(channel, once));
            args.add(once.serverMessageId());
            args.add(Long.toString(once.window().toMillis()));
        }
        return PUBLISH_KEPT.run(redis.async(), ScriptOutputType.VALUE, keys.toArray(String[]::new),
                args.toArray(String[]::new));
    }

    @Override
    public CompletionStage<StreamSlice> after(Topic topic, long after, int max, Retention retention) {
        return read(topic, "after", after, max, retention);
    }

    @Override
    public CompletionStage<StreamSlice> before(Topic topic, long before, int max, Retention retention) {
        return read(topic, "before", before, max, retention);
    }

    private CompletionStage<StreamSlice> read(Topic topic, String direction, long offset, int max, Retention retention) {
        String channel = channels.of(topic);
        String[] keys = {channels.positionKey(channel), channels.streamKey(channel)};
        return READ.<List<Object>>run(redis.async(), ScriptOutputType.MULTI, keys, StreamPosition.newEpoch(),
                        Long.toString(positionTtl(retention).toMillis()), direction, Long.toString(offset),
                        Integer.toString(Math.max(1, max)))
                .thenApply(reply -> slice(reply, direction.equals("before")));
    }

    private StreamSlice slice(List<Object> reply, boolean newestFirst) {
        String epoch = (String) reply.get(0);
        StreamPosition position = new StreamPosition(Long.parseLong((String) reply.get(1)), epoch);
        long now = Long.parseLong((String) reply.get(2));
        List<KeptEntry> entries = new ArrayList<>();
        for (Object item : (List<?>) reply.get(3)) {
            List<?> entry = (List<?>) item;
            long offset = Long.parseLong(((String) entry.get(0)).substring(2)); // "0-<offset>"
            List<?> fields = (List<?>) entry.get(1);
            long keptAt = Long.parseLong((String) fields.get(1));
            Publication kept = PublicationCodec.decode(encryption.open((String) fields.get(3)));
            entries.add(new KeptEntry(kept.frame().at(new StreamPosition(offset, epoch)), keptAt));
        }
        return new StreamSlice(position, now, newestFirst ? entries.reversed() : entries);
    }

    /**
     * Reads a publication as it arrives on a channel: a kept one gets its frame positioned, once per
     * gateway.
     */
    Publication received(String message) {
        int offsetEnd = message.indexOf(':');
        int epochEnd = message.indexOf(':', offsetEnd + 1);
        StreamPosition position = new StreamPosition(Long.parseLong(message, 1, offsetEnd, 10),
                message.substring(offsetEnd + 1, epochEnd));
        Publication publication = PublicationCodec.decode(encryption.open(message.substring(epochEnd + 1)));
        return publication.with(publication.frame().at(position));
    }

    private static Duration positionTtl(Retention retention) {
        return retention.ttl().compareTo(POSITION_KEPT) > 0 ? retention.ttl() : POSITION_KEPT;
    }
}
