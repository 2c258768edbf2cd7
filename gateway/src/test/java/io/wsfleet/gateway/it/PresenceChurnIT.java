package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.wsfleet.gateway.support.RedisServer;
import io.wsfleet.gateway.support.TestGateway;
import io.wsfleet.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The cost of presence under churn, on a gateway with Redis: 2,000 connected users in rooms of 20 while
 * 25 of them a second disconnect and, once the gateway recorded it, connect again (50 connects and
 * disconnects a second). Scoped, the
 * presence frames delivered per churn are bounded by the room size; with the fleet-wide announcement
 * every churn reaches every connected user. Prints the counts it measured. Takes about 70 s.
 */
class PresenceChurnIT {
    private static final int USERS = 2_000;
    private static final int ROOM_SIZE = 20;
    private static final int CYCLES_PER_SECOND = 25;
    private static final String JOIN_ID = "churn-join";

    /** The presence frame types counted, by the prefix every server frame starts with. */
    enum Kind {
        USER_ONLINE, USER_OFFLINE, USER_JOINED, USER_LEFT;

        final String prefix = "{\"type\":\"" + name().toLowerCase(java.util.Locale.ROOT) + "\"";
    }

    private final Map<Kind, LongAdder> delivered = new EnumMap<>(Kind.class);
    private final HttpClient http = HttpClient.newHttpClient();

    PresenceChurnIT() {
        for (Kind kind : Kind.values()) {
            delivered.put(kind, new LongAdder());
        }
    }

    @Test
    void scopedPresenceFramesPerChurnAreBoundedByTheRoomSize() throws Exception {
        Map<Kind, Long> counted = churn("false", Duration.ofSeconds(10));
        long cycles = counted.get(null);
        // Per cycle: user_left and user_offline to the other 19 members, user_joined to the 20; no subscribers, no user_online.
        assertThat(counted.get(Kind.USER_ONLINE)).isZero();
        assertThat(counted.get(Kind.USER_OFFLINE)).isBetween(cycles * (ROOM_SIZE - 1) / 2, cycles * (ROOM_SIZE - 1));
        assertThat(total(counted)).isLessThanOrEqualTo(cycles * (3L * ROOM_SIZE - 2));
    }

    @Test
    void withTheFleetWideOptInEveryChurnReachesEveryUser() throws Exception {
        Map<Kind, Long> counted = churn("true", Duration.ofSeconds(4));
        long cycles = counted.get(null);
        long announced = counted.get(Kind.USER_ONLINE) + counted.get(Kind.USER_OFFLINE);
        // Both transitions of every cycle to (almost) every other connected user.
        assertThat(announced).isGreaterThan(cycles * (USERS - ROOM_SIZE));
        assertThat(total(counted)).isGreaterThan(cycles * (3L * ROOM_SIZE - 2) * 10);
    }

    /** Connects the users, churns for {@code duration}, and counts the presence frames of the churn; key null: cycles. */
    private Map<Kind, Long> churn(String fleetWide, Duration duration) throws Exception {
        try (RedisServer redis = RedisServer.start();
             TestGateway gateway = TestGateway.start(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "churn",
                     "ANNOUNCE_ONLINE", fleetWide, "MAX_CONNECTIONS_PER_USER", "5"))) {
            List<WebSocket> sockets = new ArrayList<>();
            for (int from = 0; from < USERS; from += 100) {
                List<CompletableFuture<WebSocket>> batch = new ArrayList<>();
                for (int user = from; user < from + 100; user++) {
                    batch.add(connectAndJoin(gateway.wsUri(), user));
                }
                batch.forEach(socket -> sockets.add(socket.join()));
            }
            settle();
            delivered.values().forEach(LongAdder::reset);

            long started = System.nanoTime();
            long cycles = 0;
            long period = TimeUnit.SECONDS.toNanos(1) / CYCLES_PER_SECOND;
            while (System.nanoTime() - started < duration.toNanos()) {
                int user = (int) ((cycles * 7919) % USERS); // spread over the rooms
                // A real disconnect, seen by the gateway before the user comes back: an overlapping
                // reconnect would be a second device, and no transition at all.
                sockets.get(user).sendClose(WebSocket.NORMAL_CLOSURE, "churn").join();
                await().pollInterval(Duration.ofMillis(2))
                        .until(() -> gateway.gateway().node().deviceCount("churn-" + user) == 0);
                sockets.set(user, connectAndJoin(gateway.wsUri(), user).join());
                cycles++;
                long next = started + cycles * period;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            settle();
            Map<Kind, Long> counted = new java.util.HashMap<>();
            delivered.forEach((kind, count) -> counted.put(kind, count.sum()));
            counted.put(null, cycles);
            System.out.printf("presence churn (fleet-wide announcement %s): %d users in rooms of %d, %d reconnects in %.1f s:"
                            + " %s, total %d frames (%.0f a second, %.1f per reconnect)%n",
                    fleetWide, USERS, ROOM_SIZE, cycles, seconds, withoutCycles(counted), total(counted),
                    total(counted) / seconds, (double) total(counted) / cycles);
            sockets.forEach(WebSocket::abort);
            return counted;
        }
    }

    /**
     * Completes once the join is acknowledged. Nothing here blocks: a callback of the client's may run on the
     * thread that reads its frames (a send completes there when a server ping's pong goes out first), and
     * waiting on that thread would hold back the very ack it waits for.
     */
    private CompletableFuture<WebSocket> connectAndJoin(URI uri, int user) {
        CompletableFuture<Void> joined = new CompletableFuture<>();
        return http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + Tokens.forUser("churn-" + user))
                .buildAsync(uri, new Counting(joined))
                .thenCompose(socket -> socket.sendText("{\"type\":\"join_room\",\"payload\":{\"room_id\":\"churn-room-"
                        + user / ROOM_SIZE + "\"},\"message_id\":\"" + JOIN_ID + "\"}", true).thenApply(sent -> socket))
                .thenCompose(socket -> joined.orTimeout(30, TimeUnit.SECONDS)
                        .exceptionally(timedOut -> {
                            throw new AssertionError("no ack of the join within 30 s", timedOut);
                        })
                        .thenApply(ack -> socket));
    }

    /** Waits until no presence frame has arrived for a second. */
    private void settle() {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long now = delivered.values().stream().mapToLong(LongAdder::sum).sum();
            boolean quiet = now == last[0];
            last[0] = now;
            return quiet;
        });
    }

    private static long total(Map<Kind, Long> counted) {
        return withoutCycles(counted).values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<Kind, Long> withoutCycles(Map<Kind, Long> counted) {
        Map<Kind, Long> kinds = new EnumMap<>(Kind.class);
        counted.forEach((kind, count) -> {
            if (kind != null) {
                kinds.put(kind, count);
            }
        });
        return kinds;
    }

    /** Counts presence frames by type without parsing them, and opens the join latch on the join's ack. */
    private final class Counting implements WebSocket.Listener {
        private final CompletableFuture<Void> joined;
        private StringBuilder partial;

        Counting(CompletableFuture<Void> joined) {
            this.joined = joined;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            if (!last || partial != null) {
                partial = partial == null ? new StringBuilder() : partial;
                partial.append(data);
                if (!last) {
                    socket.request(1);
                    return null;
                }
            }
            String text = partial != null ? partial.toString() : data.toString();
            partial = null;
            for (Kind kind : Kind.values()) {
                if (text.startsWith(kind.prefix)) {
                    delivered.get(kind).increment();
                }
            }
            if (text.startsWith("{\"type\":\"ack\"") && text.contains(JOIN_ID)) {
                joined.complete(null);
            }
            socket.request(1);
            return null;
        }
    }
}
