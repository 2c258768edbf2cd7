package io.wsfleet.bench.client;

import java.util.concurrent.CompletableFuture;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/** One WebSocket connection of the load, speaking a {@link WireProtocol}; text frames go to the sink. */
final class WsConnection extends SimpleChannelInboundHandler<WebSocketFrame> implements Endpoint {
    private final int index;
    private final WireProtocol wire;
    private final String token;
    private final DeliverySink sink;
    private final CompletableFuture<Endpoint> ready = new CompletableFuture<>();
    private volatile CompletableFuture<Void> pendingJoin;
    private volatile Channel channel;

    WsConnection(int index, WireProtocol wire, String token, DeliverySink sink) {
        this.index = index;
        this.wire = wire;
        this.token = token;
        this.sink = sink;
    }

    CompletableFuture<Endpoint> ready() {
        return ready;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            channel = ctx.channel();
            if (wire.readyOnOpen()) {
                ready.complete(this);
            }
        } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            ready.completeExceptionally(new IllegalStateException("handshake timed out"));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame textFrame)) {
            return;
        }
        String text = textFrame.text();
        switch (wire.react(text, token)) {
            case WireProtocol.Reaction.Reply reply -> ctx.writeAndFlush(new TextWebSocketFrame(reply.frame()));
            case WireProtocol.Reaction.Ready ignored -> ready.complete(this);
            case WireProtocol.Reaction.Joined ignored -> {
                CompletableFuture<Void> join = pendingJoin;
                if (join != null) {
                    join.complete(null);
                }
            }
            case WireProtocol.Reaction.None ignored -> sink.received(index, text);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        IllegalStateException closed = new IllegalStateException("connection " + index + " closed by the server");
        ready.completeExceptionally(closed);
        CompletableFuture<Void> join = pendingJoin;
        if (join != null) {
            join.completeExceptionally(closed);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ready.completeExceptionally(cause);
        ctx.close();
    }

    @Override
    public CompletableFuture<Void> join(String room) {
        CompletableFuture<Void> join = new CompletableFuture<>();
        pendingJoin = join;
        channel.writeAndFlush(new TextWebSocketFrame(wire.joinFrame(room)));
        return join;
    }

    @Override
    public void publish(String room, String message) {
        channel.writeAndFlush(new TextWebSocketFrame(wire.publishFrame(room, message)), channel.voidPromise());
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close();
        }
    }
}
