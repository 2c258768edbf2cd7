package io.wsfleet.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

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
 * each batch a full GC runs on the node (the gateway: {@code jcmd GC.run}; Socket.IO: its
 * {@code GET /bench/gc}), then the node's RSS, its live memory after GC and the kernel's slab memory
 * are read. Per-connection figures are least-squares slopes over the batches.
 */
public final class IdleMemory {
    private static final int BATCHES = 4;
    /** How long a full run lets each batch's handshakes finish before the GC, and the GC's effects after it. */
    public static final Duration SETTLE = Duration.ofSeconds(3);

    /**
     * One reading: open connections, node RSS, what the node's program still holds after a full GC (the
     * gateway's heap used; Socket.IO's V8 heap used plus the memory its objects own outside it), kernel slab.
     */
    public record Point(int connections, long rssBytes, long liveBytes, long slabBytes) {
    }

    public record Result(SystemKind system, List<Point> points) {

        public double rssPerConnection() {
            return slope(Point::rssBytes);
        }

        /** Growth of the memory the program still holds after a full GC. */
        public double livePerConnection() {
            return slope(Point::liveBytes);
        }

        /** Slab growth per connection; on loopback both ends' sockets are in it. */
        public double slabPerConnection() {
            return slope(Point::slabBytes);
        }

        /**
         * What a pod must budget per idle connection. The gateway's heap is fixed and touched whole at start,
         * so its RSS grows by native memory only and the heap's growth is the heap used after GC: both
         * together. Socket.IO's RSS, read after a GC, includes its heap.
         */
        public double budgetPerConnection() {
            return system == SystemKind.GATEWAY ? livePerConnection() + rssPerConnection() : rssPerConnection();
        }

        /** The budget plus the kernel's memory for the node's end of each socket. */
        public double allInPerConnection() {
            return budgetPerConnection() + slabPerConnection() / 2;
        }

        /** Memory the node would need at {@code connections}: its first RSS plus the budget per connection. */
        public double memoryAt(int connections) {
            Point first = points.getFirst();
            return first.rssBytes() + budgetPerConnection() * (connections - first.connections());
        }

        private double slope(ToDoubleFunction<Point> bytes) {
            return LeastSquares.slope(points, Point::connections, bytes);
        }
    }

    private IdleMemory() {
    }

    public static Result measure(SystemKind system, int connections, Duration settle, Servers servers,
                                 LoadClient client) {
        List<Endpoint> open = new ArrayList<>();
        try (Deployment deployment = Deployment.start(system, 1, servers)) {
            ServerProcess node = deployment.processes().getFirst();
            List<Point> points = new ArrayList<>();
            points.add(read(system, node, 0, settle));
            int batch = connections / BATCHES;
            for (int b = 0; b < BATCHES; b++) {
                int offset = b * batch;
                open.addAll(RoomLoad.open(batch, i -> client.webSocket(deployment.port(0), deployment.wire(),
                        offset + i, Tokens.forUser("idle" + (offset + i)), (connection, text) -> { })));
                points.add(read(system, node, open.size(), settle));
                System.out.printf("  idle %-9s %,6d connections: RSS %,d MB, live after GC %,d MB, slab %,d MB%n",
                        system, open.size(), points.getLast().rssBytes() >> 20, points.getLast().liveBytes() >> 20,
                        points.getLast().slabBytes() >> 20);
            }
            return new Result(system, points);
        } finally {
            open.forEach(Endpoint::close);
        }
    }

    private static Point read(SystemKind system, ServerProcess node, int connections, Duration settle) {
        Pause.of(settle);
        long live = system == SystemKind.GATEWAY ? JvmHeap.usedAfterGc(node.pid())
                : NodeMemory.afterGc(node.port()).liveBytes();
        Pause.of(settle);
        return new Point(connections, node.sample().rssBytes(), live, KernelMemory.slabBytes());
    }
}
