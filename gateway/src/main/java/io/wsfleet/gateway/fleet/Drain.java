package io.wsfleet.gateway.fleet;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wsfleet.gateway.config.GatewayConfig;
import io.wsfleet.gateway.node.Node;
import io.wsfleet.gateway.session.Session;

/**
 * The paced drain of one gateway (SIGTERM, or {@code POST /admin/drain}): readiness turns down at once
 * and new connections are refused; after the deregistration delay, when load balancers no longer send
 * new connections here, the open connections are closed with 1012 spread over the window (see
 * {@link ClosePlan}), so that the rest of the fleet takes their reconnects at a bounded rate.
 */
public final class Drain {
    private static final System.Logger LOG = System.getLogger(Drain.class.getName());
    private final Node node;
    private final GatewayConfig.Drain settings;
    private final Counter closed;
    private CompletableFuture<Void> done;

    public Drain(Node node, GatewayConfig.Drain settings, MeterRegistry registry) {
        this.node = node;
        this.settings = settings;
        this.closed = Counter.builder("wsfleet.drain.closed")
                .description("Connections closed with 1012 by a paced drain (SIGTERM or POST /admin/drain)")
                .register(registry);
    }

    /** Starts the drain unless it runs already; completes once every connection was told to close. */
    public synchronized CompletableFuture<Void> start() {
        if (done == null) {
            node.startDraining();
            done = new CompletableFuture<>();
            LOG.log(Level.INFO, "draining: readiness down; closing {0} connections in {1} s, spread over {2} s",
                    node.connectionCount(), settings.deregistrationDelay().toSeconds(), settings.window().toSeconds());
            Thread.ofVirtual().name("wsfleet-drain").start(this::run);
        }
        return done;
    }

    /** The longest a drain takes until its last close is sent. */
    public Duration length() {
        return settings.deregistrationDelay().plus(settings.window());
    }

    private void run() {
        try {
            Thread.sleep(settings.deregistrationDelay());
            // Taken after the delay: connections admitted just before readiness turned down are in it.
            List<Session> sessions = new ArrayList<>(node.sessions());
            Collections.shuffle(sessions);
            PacedCloses.run(sessions, ClosePlan.spread(sessions.size(), settings.window(), ThreadLocalRandom.current()),
                    closed, () -> true);
            done.complete(null);
        } catch (InterruptedException e) {
            done.completeExceptionally(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "drain failed", e);
            done.completeExceptionally(e);
        }
    }
}
