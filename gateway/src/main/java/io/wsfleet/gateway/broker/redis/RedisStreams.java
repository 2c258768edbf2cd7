package io.wsfleet.gateway.broker.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import io.wsfleet.gateway.protocol.AsciiBytes;
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
    private static final char KEPT = '@';
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

    /** Distinct retentions are few (the defaults and the rooms' own settings); a reload may add some. */
    private static final int RENDERED_RETENTIONS = 256;
    private static final byte[] AFTER = "after".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BEFORE = "before".getBytes(StandardCharsets.UTF_8);

    /**
     * A retention's script arguments (size, ttl ms, position ttl ms) as bytes, rendered once per retention.
     * Keyed by value, so a reload that changes a rule renders the new one, and the old one is never asked
     * for again.
     */
    private record RetentionArguments(byte[] size, byte[] ttl, byte[] positionTtl) {
        static RetentionArguments of(Retention retention) {
            return new RetentionArguments(AsciiBytes.digits(retention.size()), AsciiBytes.digits(retention.ttl().toMillis()),
                    AsciiBytes.digits(RedisStreams.positionTtl(retention).toMillis()));
        }
    }

    private final RedisConnections redis;
    private final ChannelNames channels;
    private final RoomEncryption encryption;
    private final BoundedCache<Retention, RetentionArguments> retentionArguments =
            new BoundedCache<>(RENDERED_RETENTIONS, RetentionArguments::of);

    RedisStreams(RedisConnections redis, ChannelNames channels, RoomEncryption encryption) {
        this.redis = redis;
        this.channels = channels;
        this.encryption = encryption;
    }

    /** Keeps and publishes; with {@code once}, only if that client message was not published in its window. */
    CompletionStage<String> publish(Topic topic, Publication publication, Once once) {
        ChannelNames.TopicKeys names = channels.keys(topic);
        byte[] message = encryption.seal(topic, PublicationCodec.encode(publication));
        RetentionArguments retention = retentionArguments.get(publication.retention());
        byte[] epoch = StreamPosition.newEpoch().getBytes(StandardCharsets.US_ASCII);
        byte[] timestamp = AsciiBytes.digits(publication.frame().timestamp());
        byte[][] keys = {names.position(), names.stream(), names.channel()};
        byte[][] args = {epoch, retention.size(), retention.ttl(), retention.positionTtl(), redis.publishCommand(), message,
                timestamp};
        if (once != null) {
            keys = append(keys, channels.onceKey(topic, once));
            args = append(args, once.serverMessageId().getBytes(StandardCharsets.UTF_8),
                    AsciiBytes.digits(once.window().toMillis()));
        }
        CompletionStage<byte[]> counted = PUBLISH_KEPT.run(redis, ScriptOutputType.VALUE, keys, args);
        return counted.thenApply(id -> new String(id, StandardCharsets.UTF_8));
    }

    @Override
    public CompletionStage<StreamSlice> after(Topic topic, long after, int max, Retention retention) {
        return read(topic, AFTER, after, max, retention);
    }

    @Override
    public CompletionStage<StreamSlice> before(Topic topic, long before, int max, Retention retention) {
        return read(topic, BEFORE, before, max, retention);
    }

    private CompletionStage<StreamSlice> read(Topic topic, byte[] direction, long offset, int max, Retention retention) {
        ChannelNames.TopicKeys names = channels.keys(topic);
        return READ.<List<Object>>run(redis, ScriptOutputType.MULTI, new byte[][] {names.position(), names.stream()},
                        StreamPosition.newEpoch().getBytes(StandardCharsets.US_ASCII),
                        retentionArguments.get(retention).positionTtl(), direction, AsciiBytes.digits(offset),
                        AsciiBytes.digits(Math.max(1, max)))
                .thenApply(reply -> slice(reply, direction == BEFORE));
    }

    private StreamSlice slice(List<Object> reply, boolean newestFirst) {
        String epoch = new String((byte[]) reply.get(0), StandardCharsets.US_ASCII);
        StreamPosition position = new StreamPosition(number((byte[]) reply.get(1), 0), epoch);
        long now = number((byte[]) reply.get(2), 0);
        List<KeptEntry> entries = new ArrayList<>();
        for (Object item : (List<?>) reply.get(3)) {
            List<?> entry = (List<?>) item;
            long offset = number((byte[]) entry.get(0), 2); // "0-<offset>"
            List<?> fields = (List<?>) entry.get(1);
            long keptAt = number((byte[]) fields.get(1), 0);
            Publication kept = publication((byte[]) fields.get(3), 0, new StreamPosition(offset, epoch));
            entries.add(new KeptEntry(kept.frame(), keptAt));
        }
        return new StreamSlice(position, now, newestFirst ? entries.reversed() : entries);
    }

    private static byte[][] append(byte[][] head, byte[]... tail) {
        byte[][] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static long number(byte[] reply, int from) {
        return AsciiBytes.parseLong(reply, from, reply.length);
    }

    /**
     * Reads a publication as it arrives on a channel; a kept one ({@code @<offset>:<epoch>:} before the
     * publication) has its frame framed at its position straight from the message's bytes, once per gateway.
     */
    Publication received(byte[] message) {
        if (message.length == 0 || message[0] != KEPT) {
            return publication(message, 0, null);
        }
        int offsetEnd = AsciiBytes.indexOf(message, 1, ':');
        int epochEnd = offsetEnd < 0 ? -1 : AsciiBytes.indexOf(message, offsetEnd + 1, ':');
        if (epochEnd < 0) {
            throw new IllegalArgumentException("a kept publication without its position");
        }
        StreamPosition position = new StreamPosition(AsciiBytes.parseLong(message, 1, offsetEnd),
                new String(message, offsetEnd + 1, epochEnd - offsetEnd - 1, StandardCharsets.US_ASCII));
        return publication(message, epochEnd + 1, position);
    }

    /** The (possibly encrypted) publication in {@code message} from {@code from} on, framed at {@code position}. */
    private Publication publication(byte[] message, int from, StreamPosition position) {
        RoomEncryption.Opened opened = encryption.open(message, from);
        return PublicationCodec.decode(opened.message(), opened.from(), position);
    }

    private static Duration positionTtl(Retention retention) {
        return retention.ttl().compareTo(POSITION_KEPT) > 0 ? retention.ttl() : POSITION_KEPT;
    }
}
