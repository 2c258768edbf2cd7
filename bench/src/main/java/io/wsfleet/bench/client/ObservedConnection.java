package io.wsfleet.bench.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * One WebSocket (opened with {@link LoadClient#webSocketSeeingCloses}) whose life is told to a
 * {@link Listener}: opened, each text frame, and how it ended, with the server's close code, or 1006
 * when there was no close frame (a failed connect or upgrade, a reset, a killed server), as a browser
 * reports it. The server's close frame is answered before the socket is closed.
 */
public final class ObservedConnection extends SimpleChannelInboundHandler<WebSocketFrame> {
    /** What a browser reports when a socket ends without a close frame. */
    public static final int ABNORMAL_CLOSURE = 1006;

    /** Told on the connection's I/O thread; {@link #ended} exactly once per connection. */
    public interface Listener {
        void opened(Channel channel);

        void text(String text);

        void ended(int closeCode);
    }

    private final Listener listener;
    private int closeCode = ABNORMAL_CLOSURE;

    public ObservedConnection(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            listener.opened(ctx.channel());
        } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            ctx.close();
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            listener.text(text.text());
        } else if (frame instanceof CloseWebSocketFrame close) {
            boolean coded = close.statusCode() >= 0;
            closeCode = coded ? close.statusCode() : ABNORMAL_CLOSURE;
            CloseWebSocketFrame answer = coded ? new CloseWebSocketFrame(close.statusCode(), null) : new CloseWebSocketFrame();
            ctx.writeAndFlush(answer).addListener(done -> ctx.close());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        listener.ended(closeCode);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A refused upgrade (503 from a draining gateway, or from the load balancer with none ready) or a
        // reset: the socket ends without a close frame.
        ctx.close();
    }
}
