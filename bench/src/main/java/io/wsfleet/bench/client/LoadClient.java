package io.wsfleet.bench.client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;
import io.netty.handler.codec.redis.RedisEncoder;

/**
 * The client side of every benchmark: Netty connections (epoll where available) spread over several
 * loopback source addresses, so that one run can pass the 64K ports of a single address pair.
 */
public final class LoadClient implements AutoCloseable {
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final int sourceAddresses;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * @param threads I/O threads of the client
     * @param sourceAddresses how many of 127.0.0.2, 127.0.0.3, ... connections come from, in turn
     */
    public LoadClient(int threads, int sourceAddresses) {
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, io);
        this.channelType = Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class;
        this.sourceAddresses = sourceAddresses;
    }

    /** Opens a WebSocket to a server of {@code wire}'s protocol; completes when it may join rooms. */
    public CompletableFuture<Endpoint> webSocket(int port, WireProtocol wire, int index, String token, DeliverySink sink) {
        WsConnection connection = new WsConnection(index, wire, token, sink);
        upgrade(port, wire.path(), wire.authorizationHeader(token), true, connection).addListener(done -> {
            if (!done.isSuccess()) {
                connection.ready().completeExceptionally(done.cause());
            }
        });
        return connection.ready();
    }

    /**
     * Opens a WebSocket whose frames all go to {@code handler}, the server's close frame included, for a
     * client that acts on the close code (reconnects by its class). Completes when the TCP connection is
     * made (or failed); the upgrade's outcome reaches the handler.
     */
    public ChannelFuture webSocketSeeingCloses(int port, String path, String authorization, ChannelHandler handler) {
        return upgrade(port, path, authorization, false, handler);
    }

    private ChannelFuture upgrade(int port, String path, String authorization, boolean handleCloseFrames,
                                  ChannelHandler handler) {
        URI uri = URI.create("ws://127.0.0.1:" + port + path);
        HttpHeaders headers = new DefaultHttpHeaders();
        if (authorization != null) {
            headers.set(HttpHeaderNames.AUTHORIZATION, authorization);
        }
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .customHeaders(headers)
                .handshakeTimeoutMillis(60_000)
                .maxFramePayloadLength(1 << 20)
                .handleCloseFrames(handleCloseFrames)
                .build();
        return connect(port, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                        new WebSocketClientProtocolHandler(config), handler);
            }
        });
    }

    /** Opens a connection to Redis itself. */
    public CompletableFuture<Endpoint> redis(int port, int index, DeliverySink sink) {
        CompletableFuture<Endpoint> connected = new CompletableFuture<>();
        ChannelFuture future = connect(port, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(new RedisDecoder(), new RedisBulkStringAggregator(), new RedisArrayAggregator(),
                        new RedisEncoder(), new RedisConnection(index, sink, channel));
            }
        });
        future.addListener(done -> {
            if (done.isSuccess()) {
                connected.complete(future.channel().pipeline().get(RedisConnection.class));
            } else {
                connected.completeExceptionally(done.cause());
            }
        });
        return connected;
    }

    private ChannelFuture connect(int port, ChannelInitializer<Channel> initializer) {
        String source = "127.0.0." + (2 + Math.floorMod(next.getAndIncrement(), sourceAddresses));
        return new Bootstrap().group(group).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .handler(initializer)
                .connect(new InetSocketAddress("127.0.0.1", port), new InetSocketAddress(source, 0));
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
