package io.wsfleet.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.wsfleet.bench.Pause;
import io.wsfleet.bench.SystemKind;
import io.wsfleet.bench.Tokens;
import io.wsfleet.bench.client.Endpoint;
import io.wsfleet.bench.client.LoadClient;
import io.wsfleet.bench.proc.KernelMemory;
import io.wsfleet.bench.proc.ServerProcess;
import io.wsfleet.bench.proc.Servers;

/**
 * Memory of idle authenticated connections on one node: connections are added in batches, and after
 * each batch (and a full GC on the gateway) the node's RSS, its heap after GC and the kernel's slab
 * memory are read. Per-connection figures are least-squares slopes over the batches.
 */
public final class IdleMemory {
    private static final int BATCHES = 4;
    private static final Duration SETTLE = Duration.ofSeconds(3);

    /** One reading: open connections, node RSS, heap used after GC (gateway only), kernel slab. */
    public record Point(int connections, long rssBytes, Optional<Long> heapBytes, long slabBytes) {
    }

    public record Result(SystemKind system, List<Point> points) {

        public double rssPerConnection() {
            return slope(points.stream().map(p -> (double) p.rssBytes()).toList());
        }

        /** Slab growth per connection; on loopback both ends' sockets are in it. */
        public double slabPerConnection() {
            return slope(points.stream().map(p -> (double) p.slabBytes()).toList());
        }

        public Optional<Double> heapPerConnection() {
            return points.getFirst().heapBytes().isEmpty() ? Optional.empty()
                    : Optional.of(slope(points.stream().map(p -> (double) p.heapBytes().orElseThrow()).toList()));
        }

        /**
         * The node's share: its memory growth plus the kernel's memory for its end of each socket. The
         * gateway's heap is touched whole at start, so its RSS grows by native memory only and its heap
         * share is the heap used after GC; Socket.IO's RSS includes its heap.
         */
        public double allInPerConnection() {
            return rssPerConnection() + heapPerConnection().orElse(0.0) + slabPerConnection() / 2;
        }

        /** Memory the node would need at {@code connections} (RSS, plus live heap growth on the gateway). */
        public double memoryAt(int connections) {
            Point first = points.getFirst();
            double perConnection = rssPerConnection() + heapPerConnection().orElse(0.0);
            return first.rssBytes() + perConnection * (connections - first.connections());
        }

        private double slope(List<Double> values) {
            double meanX = points.stream().mapToDouble(Point::connections).average().orElseThrow();
            double meanY = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double covariance = 0;
            double variance = 0;
            for (int i = 0; i < points.size(); i++) {
                double dx = points.get(i).connections() - meanX;
                covariance += dx * (values.get(i) - meanY);
                variance += dx * dx;
            }
            return covariance / variance;
        }
    }

    private IdleMemory() {
    }

    public static Result measure(SystemKind system, int connections, Servers servers, LoadClient client) {
        List<Endpoint> open = new ArrayList<>();
        try (Deployment deployment = Deployment.start(system, 1, servers)) {
            ServerProcess node = deployment.processes().getFirst();
            List<Point> points = new ArrayList<>();
            points.add(read(system, node, 0));
            int batch = connections / BATCHES;
            for (int b = 0; b < BATCHES; b++) {
                int offset = b * batch;
                open.addAll(RoomLoad.open(batch, i -> client.webSocket(deployment.port(0), deployment.wire(),
                        offset + i, Tokens.forUser("idle" + (offset + i)), (connection, text) -> { })));
                points.add(read(system, node, open.size()));
                System.out.printf("  idle %-9s %,6d connections: RSS %,d MB, slab %,d MB%n", system, open.size(),
                        points.getLast().rssBytes() >> 20, points.getLast().slabBytes() >> 20);
            }
            return new Result(system, points);
        } finally {
            open.forEach(Endpoint::close);
        }
    }

    private static Point read(SystemKind system, ServerProcess node, int connections) {
        Pause.of(SETTLE);
        Optional<Long> heap = system == SystemKind.GATEWAY ? Optional.of(JvmHeap.usedAfterGc(node.pid())) : Optional.empty();
        Pause.of(SETTLE);
        return new Point(connections, node.sample().rssBytes(), heap, KernelMemory.slabBytes());
    }
}
