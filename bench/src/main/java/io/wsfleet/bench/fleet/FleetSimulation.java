package io.wsfleet.bench.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.wsfleet.bench.Pause;
import io.wsfleet.bench.Tokens;
import io.wsfleet.bench.client.LoadClient;
import io.wsfleet.bench.proc.Servers;
import io.wsfleet.bench.scenario.RoomLoad;
import org.HdrHistogram.Histogram;

/**
 * A fleet of gateways behind HAProxy on one Redis, its clients joined to rooms with a steady stream of
 * messages, taken through what Kubernetes does to a fleet, one scenario after the other:
 * <ol>
 *   <li>warm-up (as long as a settling) and steady: nothing happens but the stream (steady's latency is
 *   what the others are compared with);</li>
 *   <li>a rolling restart of every gateway as the operator's Deployment does it (maxSurge 1,
 *   maxUnavailable 0, {@code minReadySeconds} one drain): a replacement starts, and once it has been
 *   ready for one drain the old gateway gets SIGTERM and drains while the next replacement starts;</li>
 *   <li>a scale-down by one gateway (SIGTERM to the newest, as a ReplicaSet picks it);</li>
 *   <li>a scale-up from 2 gateways to 4, which rebalancing fills;</li>
 *   <li>a SIGKILL of one gateway.</li>
 * </ol>
 * Then the stream stops, the clients settle, and each phase's messages are counted at every member.
 */
public final class FleetSimulation {
    private static final int CONNECTS_IN_FLIGHT = 256;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration REJOIN_TIMEOUT = Duration.ofSeconds(90);
    private static final String API_KEY = "wsfleet-bench-publish-key-0123456789";

    private final FleetSettings settings;
    private final Fleet fleet;
    private final ClientCounts counts = new ClientCounts();
    private final PublishLog log;
    private final List<Member> members = new ArrayList<>();
    private final Map<Phase, Double> phaseStart = new EnumMap<>(Phase.class);
    private final Map<Phase, Long> reconnectsAtStart = new EnumMap<>(Phase.class);
    private final Map<Phase, Long> reconnectBound = new EnumMap<>(Phase.class);
    private volatile Phase phase = Phase.CONNECTING;
    private Timeline timeline;
    private OptionalDouble secondsToEven = OptionalDouble.empty();

    private FleetSimulation(FleetSettings settings, Fleet fleet) {
        this.settings = settings;
        this.fleet = fleet;
        this.log = new PublishLog(settings.rooms());
    }

    /** Runs every scenario; the servers' logs and HAProxy's configuration go under {@code folder}. */
    public static FleetResult run(FleetSettings settings, Servers servers, LoadClient client, Path folder) throws Exception {
        Path logs = Files.createDirectories(folder.resolve("logs"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("fleet-reconnects").factory());
        try (Fleet fleet = Fleet.start(servers, logs, logs, settings.gatewayEnvironment(API_KEY))) {
            return new FleetSimulation(settings, fleet).run(client, timer);
        } finally {
            timer.shutdownNow();
        }
    }

    private FleetResult run(LoadClient client, ScheduledExecutorService timer) throws Exception {
        for (int i = 0; i < settings.gateways(); i++) {
            fleet.add();
        }
        try (Timeline started = new Timeline(fleet, counts, () -> phase)) {
            timeline = started;
            connect(client, timer);
            try (Publisher publisher = new Publisher(fleet.publishPort(), API_KEY, settings, log, () -> phase)) {
                begin(Phase.WARM_UP);
                publisher.start();
                Pause.of(settings.settle());
                begin(Phase.STEADY);
                Pause.of(settings.steady());
                rollingRestart();
                scaleDown();
                scaleUp();
                sigkill();
            }
            print("stream stopped; waiting for every client to be back in its room");
            awaitAllInRoom();
            Pause.of(settings.settle());
            double end = timeline.now();
            return new FleetResult(settings, timeline.samples(), results(end), counts.notRecoveredJoins(), counts.gaveUpCount(),
                    counts.refusedJoins());
        } finally {
            members.forEach(Member::stop);
        }
    }

    /** Opens every client's connection through the load balancer, a bounded number at a time, and waits for their joins. */
    private void connect(LoadClient client, ScheduledExecutorService timer) throws Exception {
        Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (int i = 0; i < settings.connections(); i++) {
            Member member = new Member(RoomLoad.room(i / settings.roomSize()), Tokens.forUser("f" + i), client,
                    fleet.webSocketPort(), counts, timer);
            members.add(member);
            inFlight.acquireUninterruptibly();
            CompletableFuture<Void> joined = member.start();
            joined.whenComplete((done, failure) -> inFlight.release());
            joins.add(joined);
        }
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        print(String.format("%,d clients in %,d rooms", settings.connections(), settings.rooms()));
    }

    /**
     * Replaces every gateway as a Deployment with maxSurge 1 and maxUnavailable 0 does: the replacement
     * starts, counts as available once it has been ready for {@code minReadySeconds} (one drain), then the
     * old one stops; the next replacement starts at once, while the old one drains.
     */
    private void rollingRestart() {
        begin(Phase.ROLLING_RESTART);
        List<CompletableFuture<Void>> stopped = new ArrayList<>();
        for (FleetGateway old : fleet.running()) {
            FleetGateway replacement = fleet.add();
            print(replacement.name() + " ready, replacing " + old.name());
            Pause.of(settings.drainLength());
            stopped.add(drain(old));
        }
        CompletableFuture.allOf(stopped.toArray(CompletableFuture[]::new)).join();
        settle();
    }

    /** One gateway fewer: the newest drains, as a ReplicaSet scales down its youngest pod. */
    private void scaleDown() {
        begin(Phase.SCALE_DOWN);
        drain(fleet.running().getLast()).join();
        settle();
    }

    /** Two gateways, then four: rebalancing sheds from the two until every gateway is near the mean. */
    private void scaleUp() {
        while (fleet.running().size() > 2) {
            drain(fleet.running().getLast()).join();
        }
        awaitAllInRoom();
        Pause.of(settings.settle());
        begin(Phase.SCALE_UP);
        fleet.add();
        fleet.add();
        double added = timeline.now();
        print("4 gateways; waiting for rebalancing");
        long deadline = System.nanoTime() + settings.rebalanceBudget().multipliedBy(2).toNanos();
        awaitUntil(() -> evenSince(added), deadline);
        timeline.samples().stream()
                .filter(sample -> sample.seconds() >= added && sample.connections().size() == 4)
                .filter(sample -> sample.spread() <= FleetSettings.EVEN_WITHIN)
                .findFirst()
                .ifPresent(sample -> secondsToEven = OptionalDouble.of(sample.seconds() - added));
        settle();
    }

    private boolean evenSince(double since) {
        return timeline.latest().filter(sample -> sample.seconds() > since && sample.connections().size() == 4
                        && sample.running().size() == 4)
                .map(sample -> sample.spread() <= FleetSettings.EVEN_WITHIN).orElse(false);
    }

    /** The oldest gateway is killed: its clients lose their sockets without a close frame and back off. */
    private void sigkill() {
        begin(Phase.SIGKILL);
        FleetGateway victim = fleet.running().getFirst();
        print("SIGKILL " + victim.name());
        fleet.kill(victim).join();
        awaitAllInRoom();
        settle();
    }

    private CompletableFuture<Void> drain(FleetGateway gateway) {
        List<FleetSample> samples = timeline.samples();
        int held = 0;
        for (int i = samples.size() - 1; i >= 0; i--) {
            Integer reading = samples.get(i).connections().get(gateway.name());
            if (reading != null) {
                held = reading;
                break;
            }
        }
        reconnectBound.merge(phase, settings.drainReconnectBound(held), Math::max);
        print("SIGTERM " + gateway.name() + " holding " + held + " connections");
        return fleet.terminate(gateway);
    }

    private void settle() {
        awaitAllInRoom();
        Pause.of(settings.settle());
    }

    private void awaitAllInRoom() {
        long deadline = System.nanoTime() + REJOIN_TIMEOUT.toNanos();
        if (!awaitUntil(() -> counts.inRoom() >= settings.connections(), deadline)) {
            print(String.format("only %,d of %,d clients back in their rooms after %s", counts.inRoom(),
                    settings.connections(), REJOIN_TIMEOUT));
        }
    }

    private static boolean awaitUntil(BooleanSupplier condition, long deadlineNanos) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            Pause.of(Duration.ofMillis(200));
        }
        return true;
    }

    private void begin(Phase next) {
        phase = next;
        phaseStart.put(next, timeline.now());
        reconnectsAtStart.put(next, counts.reconnects());
        print(next.label());
    }

    private void print(String what) {
        System.out.printf("  fleet %6.1fs %s%n", timeline == null ? 0 : timeline.now(), what);
    }

    /** Counts, for each phase, the deliveries its confirmed messages owed at every member and which never came. */
    private List<PhaseResult> results(double end) {
        Map<Phase, long[]> tally = new EnumMap<>(Phase.class); // confirmed, failed, lost
        for (int room = 0; room < log.rooms(); room++) {
            List<Member> inRoom = members.subList(room * settings.roomSize(), (room + 1) * settings.roomSize());
            for (long sequence = 0; sequence < log.sent(room); sequence++) {
                long[] counted = tally.computeIfAbsent(log.phase(room, sequence), any -> new long[3]);
                if (log.confirmed(room, sequence)) {
                    counted[0]++;
                    for (Member member : inRoom) {
                        counted[2] += member.received(sequence) ? 0 : 1;
                    }
                } else if (log.failed(room, sequence)) {
                    counted[1]++;
                }
            }
        }
        List<PhaseResult> results = new ArrayList<>();
        List<Phase> ran = phaseStart.keySet().stream().sorted().toList();
        for (int i = 0; i < ran.size(); i++) {
            Phase ranPhase = ran.get(i);
            double from = phaseStart.get(ranPhase);
            double to = i + 1 < ran.size() ? phaseStart.get(ran.get(i + 1)) : end;
            long[] counted = tally.getOrDefault(ranPhase, new long[3]);
            long reconnectsThen = i + 1 < ran.size() ? reconnectsAtStart.get(ran.get(i + 1)) : counts.reconnects();
            double peak = timeline.samples().stream().filter(sample -> sample.phase() == ranPhase)
                    .flatMap(sample -> sample.acceptedPerSecond().values().stream())
                    .mapToDouble(Double::doubleValue).max().orElse(0);
            Histogram latency = timeline.latency(ranPhase);
            Histogram live = timeline.liveLatency(ranPhase);
            results.add(new PhaseResult(ranPhase, from, to, counted[0], counted[1], counted[0] * settings.roomSize(),
                    counted[2], counts.duplicates(ranPhase), latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0, live.getValueAtPercentile(99) / 1000.0,
                    latency.getTotalCount() - live.getTotalCount(), reconnectsThen - reconnectsAtStart.get(ranPhase), peak,
                    reconnectBound.containsKey(ranPhase) ? OptionalLong.of(reconnectBound.get(ranPhase)) : OptionalLong.empty(),
                    ranPhase == Phase.SCALE_UP ? secondsToEven : OptionalDouble.empty()));
        }
        return results;
    }
}
