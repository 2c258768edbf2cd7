package io.wsfleet.bench.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.wsfleet.bench.Pause;
import io.wsfleet.bench.proc.FreePorts;
import io.wsfleet.bench.proc.Haproxy;
import io.wsfleet.bench.proc.ServerProcess;
import io.wsfleet.bench.proc.Servers;

/**
 * The servers of a fleet simulation: one redis-server, HAProxy in front, and the gateways, which come and
 * go as pods would. A gateway is a target of the load balancer from the moment it is ready until its
 * process has exited (Kubernetes takes a pod out of the Service's endpoints when it stops; here HAProxy's
 * readiness check does that for a draining gateway, and the slot is freed once the process is gone).
 */
final class Fleet implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Servers servers;
    private final ServerProcess redis;
    private final Haproxy loadBalancer;
    private final Map<String, String> gatewayEnvironment;
    private final List<FleetGateway> running = new CopyOnWriteArrayList<>();
    private final boolean[] slotTaken = new boolean[Haproxy.SLOTS];
    private final AtomicInteger started = new AtomicInteger();

    private Fleet(Servers servers, ServerProcess redis, Haproxy loadBalancer, Map<String, String> gatewayEnvironment) {
        this.servers = servers;
        this.redis = redis;
        this.loadBalancer = loadBalancer;
        this.gatewayEnvironment = gatewayEnvironment;
    }

    static Fleet start(Servers servers, Path folder, Path logs, Map<String, String> gatewayEnvironment) {
        ServerProcess redis = servers.redis("fleet-redis");
        try {
            return new Fleet(servers, redis, Haproxy.start(folder, logs.resolve("haproxy.log")), gatewayEnvironment);
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    int webSocketPort() {
        return loadBalancer.webSocketPort();
    }

    int publishPort() {
        return loadBalancer.publishPort();
    }

    /** The gateways whose process runs (draining ones included), oldest first. */
    List<FleetGateway> running() {
        return List.copyOf(running);
    }

    /** Starts a gateway, waits until it is ready and makes it a target of the load balancer. */
    FleetGateway add() {
        int slot = takeSlot();
        String name = "gateway " + started.incrementAndGet();
        AdminPort admin = new AdminPort(FreePorts.next());
        Map<String, String> environment = new HashMap<>(gatewayEnvironment);
        environment.put("ADMIN_PORT", String.valueOf(admin.port()));
        ServerProcess process = servers.gateway(name.replace(' ', '-'), redis.port(), environment);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!admin.ready()) {
            if (System.nanoTime() > deadline) {
                process.close();
                throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT);
            }
            Pause.of(Duration.ofMillis(100));
        }
        FleetGateway gateway = new FleetGateway(name, slot, process, admin);
        loadBalancer.register(slot, process.port(), admin.port());
        running.add(gateway);
        return gateway;
    }

    /** SIGTERM, as Kubernetes stops a pod: the gateway drains; completes once it has exited. */
    CompletableFuture<Void> terminate(FleetGateway gateway) {
        return stop(gateway, ServerProcess::terminate);
    }

    /** SIGKILL: the gateway's connections drop without a close frame. */
    CompletableFuture<Void> kill(FleetGateway gateway) {
        return stop(gateway, ServerProcess::kill);
    }

    private CompletableFuture<Void> stop(FleetGateway gateway, Function<ServerProcess, CompletableFuture<Void>> how) {
        return how.apply(gateway.process()).thenRun(() -> {
            loadBalancer.deregister(gateway.slot());
            running.remove(gateway);
            freeSlot(gateway.slot());
        });
    }

    private synchronized int takeSlot() {
        for (int slot = 0; slot < slotTaken.length; slot++) {
            if (!slotTaken[slot]) {
                slotTaken[slot] = true;
                return slot;
            }
        }
        throw new IllegalStateException("more than " + Haproxy.SLOTS + " gateways at once");
    }

    private synchronized void freeSlot(int slot) {
        slotTaken[slot] = false;
    }

    @Override
    public void close() {
        running.forEach(gateway -> gateway.process().close());
        loadBalancer.close();
        redis.close();
    }
}
