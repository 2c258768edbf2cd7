package io.wsfleet.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.wsfleet.bench.SystemKind;
import io.wsfleet.bench.client.SocketIoWire;
import io.wsfleet.bench.client.WireProtocol;
import io.wsfleet.bench.client.WsfleetWire;
import io.wsfleet.bench.proc.ProcessSample;
import io.wsfleet.bench.proc.ServerProcess;
import io.wsfleet.bench.proc.Servers;

/**
 * The servers of one system under test: a redis-server, and for the gateway and Socket.IO one or
 * more nodes in front of it. Every process here counts as server CPU.
 */
final class Deployment implements AutoCloseable {
    private final SystemKind kind;
    private final ServerProcess redis;
    private final List<ServerProcess> nodes;

    private Deployment(SystemKind kind, ServerProcess redis, List<ServerProcess> nodes) {
        this.kind = kind;
        this.redis = redis;
        this.nodes = nodes;
    }

    static Deployment start(SystemKind kind, int nodeCount, Servers servers) {
        return start(kind, nodeCount, servers, Map.of());
    }

    /** @param gatewaySettings environment variables of the gateway nodes (not used by the other systems) */
    static Deployment start(SystemKind kind, int nodeCount, Servers servers, Map<String, String> gatewaySettings) {
        String prefix = kind.name().toLowerCase();
        ServerProcess redis = servers.redis(prefix + "-redis");
        List<ServerProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < nodeCount && kind != SystemKind.REDIS; i++) {
                nodes.add(kind == SystemKind.GATEWAY
                        ? servers.gateway(prefix + "-" + i, redis.port(), gatewaySettings)
                        : servers.socketIo(prefix + "-" + i, redis.port()));
            }
        } catch (RuntimeException e) {
            nodes.forEach(ServerProcess::close);
            redis.close();
            throw e;
        }
        return new Deployment(kind, redis, List.copyOf(nodes));
    }

    SystemKind kind() {
        return kind;
    }

    /** The port clients of node {@code node} connect to (Redis itself for raw Redis). */
    int port(int node) {
        return nodes.isEmpty() ? redis.port() : nodes.get(node % nodes.size()).port();
    }

    int redisPort() {
        return redis.port();
    }

    int nodeCount() {
        return Math.max(1, nodes.size());
    }

    /** The WebSocket protocol of the nodes; raw Redis has none. */
    WireProtocol wire() {
        return switch (kind) {
            case GATEWAY -> new WsfleetWire();
            case SOCKETIO -> new SocketIoWire();
            case REDIS -> throw new IllegalStateException("raw Redis speaks RESP, not WebSocket");
        };
    }

    List<ServerProcess> processes() {
        List<ServerProcess> all = new ArrayList<>(nodes);
        all.add(redis);
        return all;
    }

    List<ProcessSample> sample() {
        return processes().stream().map(ServerProcess::sample).toList();
    }

    /** The collector pauses of the gateway nodes so far (none for the other systems, which are not JVMs). */
    GcPauses gatewayPauses() {
        return kind != SystemKind.GATEWAY ? GcPauses.NONE
                : nodes.stream().map(node -> GcPauses.of(node.pid())).reduce(GcPauses.NONE, GcPauses::plus);
    }

    @Override
    public void close() {
        nodes.forEach(ServerProcess::close);
        redis.close();
    }
}
