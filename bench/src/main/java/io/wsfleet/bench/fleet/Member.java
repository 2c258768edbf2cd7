package io.wsfleet.bench.fleet;

import java.time.Duration;
import java.util.BitSet;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.wsfleet.bench.client.LoadClient;
import io.wsfleet.bench.client.ObservedConnection;
import io.wsfleet.bench.client.ReconnectPolicy;
import io.wsfleet.bench.client.StreamPosition;
import io.wsfleet.bench.client.WsfleetWire;
import io.wsfleet.bench.measure.Marker;
import io.wsfleet.gateway.protocol.ErrorCode;

/**
 * One SDK-like client of the fleet: a user in one room, connected through the load balancer. It keeps
 * its room's position from every message and ack; when its socket ends it reconnects by the close code's
 * class ({@link ReconnectPolicy}) and joins again with that position as {@code since}, so the gateway it
 * lands on replays what it missed. It notes each sequence of its room it received: one it never gets is
 * lost, one it gets twice a duplicate. Its events arrive on I/O threads and timers, one socket at a time.
 */
final class Member implements ObservedConnection.Listener {
    private static final WsfleetWire WIRE = new WsfleetWire();
    /** About a second, spread over half to one and a half, as the SDK waits after a "not now" refusal. */
    private static final long RETRY_DELAY_MILLIS = 1000;

    private final String room;
    private final String authorization;
    private final LoadClient client;
    private final int port;
    private final ClientCounts counts;
    private final ScheduledExecutorService timer;
    private final ReconnectPolicy policy = new ReconnectPolicy();
    private final BitSet received = new BitSet();
    private final CompletableFuture<Void> firstJoin = new CompletableFuture<>();
    private StreamPosition position;
    private StreamPosition askedSince;
    /** The offset up to which the frames on this socket are the join's replay (the ack's position); -1: none. */
    private long replayUpTo = -1;
    private boolean openedBefore;
    private boolean inRoom;
    private Channel channel;
    private boolean stopped;

    Member(String room, String token, LoadClient client, int port, ClientCounts counts, ScheduledExecutorService timer) {
        this.room = room;
        this.authorization = "Bearer " + token;
        this.client = client;
        this.port = port;
        this.counts = counts;
        this.timer = timer;
    }

    /** Connects and joins; completes when the first join was answered. */
    CompletableFuture<Void> start() {
        connect();
        return firstJoin;
    }

    private void connect() {
        synchronized (this) {
            if (stopped) {
                return;
            }
        }
        client.webSocketSeeingCloses(port, WIRE.path(), authorization, new ObservedConnection(this)).addListener(done -> {
            if (!done.isSuccess()) {
                ended(ObservedConnection.ABNORMAL_CLOSURE);
            }
        });
    }

    @Override
    public synchronized void opened(Channel opened) {
        if (stopped) {
            opened.close();
            return;
        }
        channel = opened;
        policy.opened();
        if (openedBefore) {
            counts.reconnected();
        }
        openedBefore = true;
        join(opened);
    }

    private void join(Channel on) {
        askedSince = position;
        replayUpTo = -1;
        on.writeAndFlush(new TextWebSocketFrame(position == null ? WIRE.joinFrame(room) : WIRE.joinFrame(room, position)));
    }

    /** A join refused "not now" is asked again on the same socket, as the SDK does, unless that socket ended. */
    private synchronized void joinAgain(Channel on) {
        if (channel == on && !inRoom && !stopped) {
            join(on);
        }
    }

    @Override
    public synchronized void text(String text) {
        if (WsfleetWire.roomMessage(text)) {
            Marker marker = Marker.find(text);
            if (marker == null) {
                return;
            }
            Optional<StreamPosition> at = StreamPosition.in(text);
            at.ifPresent(kept -> position = kept);
            if (received.get((int) marker.sequence())) {
                counts.duplicate(marker);
            } else {
                received.set((int) marker.sequence());
                counts.delivered(marker, at.isPresent() && at.get().offset() <= replayUpTo);
            }
        } else if (WsfleetWire.ack(text)) {
            boolean recovered = askedSince != null && WsfleetWire.recovered(text);
            if (askedSince != null && !recovered) {
                counts.notRecovered();
            }
            if (recovered) {
                // What follows up to the room's position at the join is the replay of what was missed.
                StreamPosition.in(text).ifPresent(at -> replayUpTo = at.offset());
            } else {
                // Nothing is replayed: from here on the client follows the room from the ack's position.
                StreamPosition.in(text).ifPresent(at -> position = at);
            }
            inRoom = true;
            counts.joined();
            firstJoin.complete(null);
        } else {
            WsfleetWire.errorCode(text).ifPresent(this::refused);
        }
    }

    /** The only message this client sends is its join: an error answers it. */
    private void refused(String code) {
        counts.joinRefused(code);
        if (ErrorCode.ofWire(code).filter(ErrorCode::retryable).isPresent()) {
            Channel refusedOn = channel;
            long delayMillis = RETRY_DELAY_MILLIS / 2 + ThreadLocalRandom.current().nextLong(RETRY_DELAY_MILLIS);
            timer.schedule(() -> joinAgain(refusedOn), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void ended(int closeCode) {
        if (inRoom) {
            counts.left();
        }
        inRoom = false;
        channel = null;
        if (stopped) {
            return;
        }
        Optional<Duration> delay = policy.after(closeCode);
        if (delay.isEmpty()) {
            counts.gaveUp();
            firstJoin.completeExceptionally(new IllegalStateException("closed with terminal code " + closeCode));
            return;
        }
        timer.schedule(this::connect, delay.get().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether the message of sequence {@code sequence} of the room reached this client. */
    synchronized boolean received(long sequence) {
        return received.get((int) sequence);
    }

    /** Leaves for good: no reconnect. */
    synchronized void stop() {
        stopped = true;
        if (channel != null) {
            channel.close();
        }
    }
}
