package io.wsfleet.bench.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;

/**
 * One connection to Redis itself, as a subscriber ({@code SUBSCRIBE}, messages go to the sink) or as
 * a publisher ({@code PUBLISH}, replies ignored). A subscribed RESP2 connection cannot publish, so the
 * raw-Redis load uses separate publisher connections.
 */
final class RedisConnection extends SimpleChannelInboundHandler<RedisMessage> implements Endpoint {
    private final int index;
    private final DeliverySink sink;
    private final Channel channel;
    private volatile CompletableFuture<Void> pendingSubscribe;

    RedisConnection(int index, DeliverySink sink, Channel channel) {
        this.index = index;
        this.sink = sink;
        this.channel = channel;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RedisMessage message) {
        if (!(message instanceof ArrayRedisMessage array) || array.children().size() != 3) {
            return;
        }
        String kind = text(array.children().get(0));
        if ("message".equals(kind)) {
            sink.received(index, text(array.children().get(2)));
        } else if ("subscribe".equals(kind) && pendingSubscribe != null) {
            pendingSubscribe.complete(null);
        }
    }

    private static String text(RedisMessage message) {
        return message instanceof FullBulkStringRedisMessage bulk
                ? bulk.content().toString(StandardCharsets.UTF_8) : null;
    }

    @Override
    public CompletableFuture<Void> join(String room) {
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        pendingSubscribe = subscribed;
        channel.writeAndFlush(command("SUBSCRIBE", room));
        return subscribed;
    }

    @Override
    public void publish(String room, String message) {
        channel.writeAndFlush(command("PUBLISH", room, message), channel.voidPromise());
    }

    private RedisMessage command(String... words) {
        List<RedisMessage> parts = new java.util.ArrayList<>(words.length);
        for (String word : words) {
            parts.add(new FullBulkStringRedisMessage(ByteBufUtil.writeUtf8(channel.alloc(), word)));
        }
        return new ArrayRedisMessage(parts);
    }

    @Override
    public void close() {
        channel.close();
    }
}
