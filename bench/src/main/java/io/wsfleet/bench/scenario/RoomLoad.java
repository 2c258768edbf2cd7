package io.wsfleet.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.wsfleet.bench.SystemKind;
import io.wsfleet.bench.Tokens;
import io.wsfleet.bench.client.DeliverySink;
import io.wsfleet.bench.client.Endpoint;
import io.wsfleet.bench.client.LoadClient;

/**
 * Connections in rooms: connection {@code i} is user {@code u<i>} and joins room {@code i / roomSize}.
 * On the WebSocket systems the first member of each room publishes into it (and receives its own
 * message, as every member does); on raw Redis, where a subscribed connection cannot publish, a pool
 * of extra connections publishes. With two nodes, publishers use node 0 and the other members node 1.
 */
public final class RoomLoad implements AutoCloseable {
    private static final int CONNECTS_IN_FLIGHT = 256;

    private final List<Endpoint> members;
    private final List<Endpoint> publishers;
    private final int roomSize;

    private RoomLoad(List<Endpoint> members, List<Endpoint> publishers, int roomSize) {
        this.members = members;
        this.publishers = publishers;
        this.roomSize = roomSize;
    }

    static RoomLoad connect(Deployment deployment, LoadClient client, DeliverySink sink, int connections, int roomSize) {
        int rooms = connections / roomSize;
        boolean crossNode = deployment.nodeCount() > 1;
        List<Endpoint> members = open(connections, i -> {
            int node = crossNode && i % roomSize != 0 ? 1 : 0;
            CompletableFuture<Endpoint> endpoint = deployment.kind() == SystemKind.REDIS
                    ? client.redis(deployment.port(0), i, sink)
                    : client.webSocket(deployment.port(node), deployment.wire(), i, Tokens.forUser("u" + i), sink);
            return endpoint.thenCompose(connected -> connected.join(room(i / roomSize)).thenApply(joined -> connected));
        });
        List<Endpoint> publishers;
        if (deployment.kind() == SystemKind.REDIS) {
            publishers = open(Math.min(rooms, 64), i -> client.redis(deployment.port(0), -1, sink));
        } else {
            publishers = new ArrayList<>();
            for (int room = 0; room < rooms; room++) {
                publishers.add(members.get(room * roomSize));
            }
        }
        return new RoomLoad(members, publishers, roomSize);
    }

    /** Opens {@code count} endpoints, a bounded number at a time, and waits for all of them. */
    static List<Endpoint> open(int count, IntFunction<CompletableFuture<Endpoint>> opener) {
        Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        List<CompletableFuture<Endpoint>> pending = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            inFlight.acquireUninterruptibly();
            CompletableFuture<Endpoint> endpoint = opener.apply(i);
            endpoint.whenComplete((done, failure) -> inFlight.release());
            pending.add(endpoint);
        }
        List<Endpoint> endpoints = new ArrayList<>(count);
        for (CompletableFuture<Endpoint> endpoint : pending) {
            try {
                endpoints.add(endpoint.get(120, TimeUnit.SECONDS));
            } catch (Exception e) {
                endpoints.forEach(Endpoint::close);
                throw new IllegalStateException("connecting the load failed after " + endpoints.size() + " connections", e);
            }
        }
        return endpoints;
    }

    /** The name of room {@code index}, the same in every scenario. */
    public static String room(int index) {
        return "r" + index;
    }

    int rooms() {
        return members.size() / roomSize;
    }

    int roomSize() {
        return roomSize;
    }

    int connections() {
        return members.size();
    }

    /** Publishes into room {@code room}; every room always uses the same publisher, so its order holds. */
    void publish(int room, String message) {
        publishers.get(room % publishers.size()).publish(room(room), message);
    }

    @Override
    public void close() {
        members.forEach(Endpoint::close);
        publishers.forEach(Endpoint::close);
    }
}
