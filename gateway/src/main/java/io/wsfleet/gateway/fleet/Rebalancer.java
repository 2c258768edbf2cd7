package io.wsfleet.gateway.fleet;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.RedisException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wsfleet.gateway.config.GatewayConfig;
import io.wsfleet.gateway.node.Node;
import io.wsfleet.gateway.session.Session;

/**
 * Evens out connections across gateways after a scale-up. Every period this gateway publishes its
 * {@link NodeLoad} and reads the fleet's; when {@link ShedDecision} finds it above the mean by more
 * than the margin, it closes that many random connections with 1012, spread over the next
 * {@link #SHED_PERIODS} periods at no more than the configured rate. Their clients reconnect through
 * the load balancer, mostly to other gateways. It decides again once the closes are done and the shed
 * clients have landed: when the fleet's total is back to what it was before the shed (clients in
 * between gateways are counted nowhere, and a decision that missed them would shed too many; the
 * others' counts are up to a period old), or at most {@link #SETTLE_PERIODS} periods after the shed
 * (clients that left for good). So a gateway far above the mean sheds at close to the configured rate
 * on average, not only in its bursts. It reads the fleet every period, also while it sheds, and a
 * gateway that starts draining or turns unready elsewhere stops a shed under way at its next close. A
 * gateway whose rebalancing is switched off still publishes its load, for the others' decisions.
 */
public final class Rebalancer {
    private static final System.Logger LOG = System.getLogger(Rebalancer.class.getName());
    /** The longest wait, in periods, for shed clients to show up on other gateways. */
    private static final int SETTLE_PERIODS = 10;
    /** How many periods one round's closes are spread over, and the least time between two decisions. */
    private static final int SHED_PERIODS = 2;
    private final Node node;
    private final FleetLoads loads;
    private final GatewayConfig.Rebalance settings;
    private final Counter shed;
    private final AtomicBoolean ticking = new AtomicBoolean();
    private volatile long quietUntilNanos = System.nanoTime();
    private volatile long settleDeadlineNanos = System.nanoTime();
    /** Whether the last round saw a gateway draining or not ready: a shed under way stops at its next close. */
    private volatile boolean fleetBusy;
    /** The fleet's total that shows the last shed clients landed; 0 when nothing is awaited. */
    private volatile long awaitedTotal;

    public Rebalancer(Node node, FleetLoads loads, GatewayConfig.Rebalance settings, MeterRegistry registry) {
        this.node = node;
        this.loads = loads;
        this.settings = settings;
        this.shed = Counter.builder("wsfleet.rebalance.shed")
                .description("Connections closed with 1012 to rebalance the fleet")
                .register(registry);
    }

    public void start(ScheduledExecutorService scheduler) {
        long period = loads.period().toMillis();
        // Redis calls block: each round runs on a virtual thread, never on the shared timer.
        scheduler.scheduleWithFixedDelay(() -> Thread.ofVirtual().name("wsfleet-rebalance").start(this::round),
                period, period, TimeUnit.MILLISECONDS);
    }

    /** The most connections one round closes: the rate bound over the round's closing periods, at least one. */
    private int mostPerRound() {
        return (int) Math.max(1, settings.maxShedsPerSecond() * shedWindow().toMillis() / 1000);
    }

    private Duration shedWindow() {
        return loads.period().multipliedBy(SHED_PERIODS);
    }

    private void round() {
        if (!ticking.compareAndSet(false, true)) {
            return;
        }
        try {
            NodeLoad self = new NodeLoad(loads.nodeId(), node.connectionCount(),
                    !node.draining() && node.brokerHealthy(), node.draining());
            loads.publish(self);
            if (!settings.enabled()) {
                return;
            }
            // Read every round, also while a shed is under way, so that a drain starting elsewhere stops it.
            List<NodeLoad> fleet = new ArrayList<>(loads.read());
            fleet.replaceAll(load -> load.nodeId().equals(self.nodeId()) ? self : load);
            fleetBusy = ShedDecision.busy(fleet);
            if (System.nanoTime() - quietUntilNanos < 0) {
                return;
            }
            long total = fleet.stream().mapToLong(NodeLoad::connections).sum();
            if (total < awaitedTotal && System.nanoTime() - settleDeadlineNanos < 0) {
                return;
            }
            awaitedTotal = 0;
            int count = ShedDecision.connectionsToShed(self, fleet, settings.marginPercent(), mostPerRound());
            if (count > 0) {
                // A tenth of the shed clients may still be on their way: a small overshoot, not a stall.
                awaitedTotal = total - count / 10;
                shedSoon(count, fleet);
            }
        } catch (RedisException e) {
            // Redis unreachable: the fleet's state is unknown, so nothing is shed.
            fleetBusy = true;
            LOG.log(Level.DEBUG, "rebalancing round skipped: Redis unavailable", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "rebalancing round failed", e);
        } finally {
            ticking.set(false);
        }
    }

    private void shedSoon(int count, List<NodeLoad> fleet) {
        Duration window = shedWindow();
        quietUntilNanos = System.nanoTime() + window.toNanos();
        settleDeadlineNanos = System.nanoTime() + loads.period().multipliedBy(SETTLE_PERIODS).toNanos();
        List<Session> open = new ArrayList<>(node.sessions());
        open.removeIf(session -> session.serverCloseCode().isPresent());
        Collections.shuffle(open);
        List<Session> chosen = List.copyOf(open.subList(0, Math.min(count, open.size())));
        LOG.log(Level.INFO, "rebalancing: {0} connections here, fleet {1}; closing {2} over {3} ms",
                node.connectionCount(), fleet.stream().mapToInt(NodeLoad::connections).boxed().toList(),
                chosen.size(), window.toMillis());
        Thread.ofVirtual().name("wsfleet-rebalance-shed").start(() -> {
            try {
                PacedCloses.run(chosen, ClosePlan.spread(chosen.size(), window, ThreadLocalRandom.current()), shed,
                        () -> !fleetBusy);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
