package io.wsfleet.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.wsfleet.bench.Pause;
import io.wsfleet.bench.SystemKind;
import io.wsfleet.bench.Tokens;
import io.wsfleet.bench.client.DeliverySink;
import io.wsfleet.bench.client.Endpoint;
import io.wsfleet.bench.client.LoadClient;
import io.wsfleet.bench.proc.ProcessResources;
import io.wsfleet.bench.proc.RedisStats;
import io.wsfleet.bench.proc.ServerProcess;
import io.wsfleet.bench.proc.Servers;

/**
 * A day of churn in minutes: one gateway node with its Redis holds {@code connections} members of
 * rooms while, every tenth of a second, some of them disconnect and new users take their places
 * (connect, authenticate, join), and members publish into their rooms. A reading after a full GC is
 * taken every {@code sampleEvery}.
 *
 * <p>The baseline is read after one warm-up cycle (all connections opened, chatting, closed), so
 * that what the first load grows once and keeps (JIT code, pools, arenas) is in it; the reading
 * before any client is reported as well. At the end every client leaves, and the soak waits (up to
 * {@link #SETTLE_LIMIT}) for each {@link SoakMetric} to come back within its allowance.
 */
public final class Soak {
    private static final Duration TICK = Duration.ofMillis(100);
    /**
     * Kept room history expires {@code HISTORY_TTL_SECONDS} (300 by default) after a room's last
     * publication, and with it most of what Redis holds once the chat stopped: the end waits that out.
     */
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(6);
    /** The gateway's rate-limit counters in Redis live for their one-minute window; a reading waits them out. */
    private static final Duration QUIET = Duration.ofSeconds(70);
    private static final Duration WARM_UP_CHAT = Duration.ofSeconds(10);
    private static final int OPENS_IN_FLIGHT = 256;
    private static final String MARKER = "soak-";

    /** The load: how many connections in rooms of what size, how long, how much churn and chat. */
    public record Settings(int connections, int roomSize, Duration duration, int churnPerSecond,
                           int messagesPerSecond, Duration sampleEvery) {
    }

    /** Every reading, the three that decide, and the traffic the soak made. */
    public record Result(Settings settings, List<SoakSample> samples, SoakSample cold, SoakSample baseline,
                         SoakSample end, long reconnects, long failedConnects, long published, long received) {

        public boolean returnedToBaseline() {
            return Arrays.stream(SoakMetric.values()).allMatch(metric -> metric.withinAllowance(baseline, end));
        }
    }

    private final Settings settings;
    private final LoadClient client;
    private final Deployment deployment;
    private final ServerProcess node;
    private final long started = System.nanoTime();
    private final List<SoakSample> samples = new ArrayList<>();
    private final AtomicReferenceArray<Endpoint> slots;
    private final AtomicLong users = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong failedConnects = new AtomicLong();
    private final AtomicLong opening = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final DeliverySink sink = (connection, text) -> {
        if (text.contains(MARKER)) {
            received.incrementAndGet();
        }
    };

    private Soak(Settings settings, LoadClient client, Deployment deployment) {
        this.settings = settings;
        this.client = client;
        this.deployment = deployment;
        this.node = deployment.processes().getFirst();
        this.slots = new AtomicReferenceArray<>(settings.connections());
    }

    public static Result run(Settings settings, Servers servers, LoadClient client) {
        try (Deployment deployment = Deployment.start(SystemKind.GATEWAY, 1, servers)) {
            return new Soak(settings, client, deployment).run();
        }
    }

    private Result run() {
        SoakSample cold = sample("cold");
        fill();
        chatFor(WARM_UP_CHAT);
        closeAll();
        SoakSample baseline = settle("baseline", null);
        long churnedBefore = reconnects.get();
        fill();
        long deadline = System.nanoTime() + settings.duration().toNanos();
        long nextSample = System.nanoTime() + settings.sampleEvery().toNanos();
        while (System.nanoTime() < deadline) {
            tick();
            if (System.nanoTime() >= nextSample) {
                sample("load");
                nextSample = System.nanoTime() + settings.sampleEvery().toNanos();
            }
        }
        closeAll();
        SoakSample end = settle("end", baseline);
        return new Result(settings, List.copyOf(samples), cold, baseline, end, reconnects.get() - churnedBefore,
                failedConnects.get(), published.get(), received.get());
    }

    /** Opens every slot's connection and waits for them all. */
    private void fill() {
        List<Endpoint> opened = RoomLoad.open(settings.connections(), this::connect);
        for (int slot = 0; slot < opened.size(); slot++) {
            slots.set(slot, opened.get(slot));
        }
        System.out.printf("  soak: %,d connections open%n", opened.size());
    }

    private void chatFor(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            tick();
        }
    }

    /** One tenth of a second of churn and chat. */
    private void tick() {
        long tickEnd = System.nanoTime() + TICK.toNanos();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < settings.churnPerSecond() / 10; i++) {
            int slot = random.nextInt(settings.connections());
            Endpoint leaving = slots.getAndSet(slot, null);
            if (leaving != null && opening.get() < OPENS_IN_FLIGHT) {
                leaving.close();
                reopen(slot);
            } else if (leaving != null) {
                slots.set(slot, leaving);
            }
        }
        for (int i = 0; i < settings.messagesPerSecond() / 10; i++) {
            int slot = random.nextInt(settings.connections());
            Endpoint member = slots.get(slot);
            if (member != null) {
                member.publish(room(slot), MARKER + published.incrementAndGet());
            }
        }
        Pause.of(Duration.ofNanos(Math.max(0, tickEnd - System.nanoTime())));
    }

    private void reopen(int slot) {
        opening.incrementAndGet();
        connect(slot).whenComplete((endpoint, failure) -> {
            opening.decrementAndGet();
            if (failure != null) {
                failedConnects.incrementAndGet();
                reopenLater(slot);
            } else {
                reconnects.incrementAndGet();
                slots.set(slot, endpoint);
            }
        });
    }

    /** A failed connect is tried again a second later, so that the slot is not lost for the rest of the run. */
    private void reopenLater(int slot) {
        Thread.ofVirtual().start(() -> {
            Pause.of(Duration.ofSeconds(1));
            reopen(slot);
        });
    }

    /** A new user connects into {@code slot} and joins the slot's room. */
    private CompletableFuture<Endpoint> connect(int slot) {
        String user = "s" + users.incrementAndGet();
        return client.webSocket(deployment.port(0), deployment.wire(), slot, Tokens.forUser(user), sink)
                .thenCompose(connected -> connected.join(room(slot)).thenApply(joined -> connected));
    }

    private String room(int slot) {
        return RoomLoad.room(slot / settings.roomSize());
    }

    /** Closes every connection, including those still opening. */
    private void closeAll() {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (opening.get() > 0 && System.nanoTime() < until) {
            Pause.of(TICK);
        }
        for (int slot = 0; slot < settings.connections(); slot++) {
            Endpoint endpoint = slots.getAndSet(slot, null);
            if (endpoint != null) {
                endpoint.close();
            }
        }
    }

    /**
     * Waits for the gateway to notice every close and for the last rate-limit windows to end, then
     * reads; with a baseline, reads again until every metric is back within its allowance or
     * {@link #SETTLE_LIMIT} has passed.
     */
    private SoakSample settle(String phase, SoakSample baseline) {
        Pause.of(QUIET);
        long until = System.nanoTime() + SETTLE_LIMIT.toNanos();
        SoakSample reading = sample(phase);
        while (baseline != null && !withinAllowance(baseline, reading) && System.nanoTime() < until) {
            Pause.of(Duration.ofSeconds(10));
            reading = sample(phase);
        }
        return reading;
    }

    private static boolean withinAllowance(SoakSample baseline, SoakSample reading) {
        return Arrays.stream(SoakMetric.values()).allMatch(metric -> metric.withinAllowance(baseline, reading));
    }

    private SoakSample sample(String phase) {
        long heap = JvmHeap.usedAfterGc(node.pid());
        ProcessResources resources = ProcessResources.of(node.pid());
        RedisStats redis = RedisStats.of(deployment.redisPort());
        int open = 0;
        for (int slot = 0; slot < settings.connections(); slot++) {
            open += slots.get(slot) == null ? 0 : 1;
        }
        SoakSample sample = new SoakSample(Duration.ofNanos(System.nanoTime() - started), phase, open, heap,
                node.sample().rssBytes(), resources.openFiles(), resources.threads(), redis.keys(),
                redis.expiringKeys(), redis.usedMemoryBytes());
        samples.add(sample);
        System.out.printf("  soak %-8s %5ds %,6d connections: heap %,d MB, RSS %,d MB, %,d fds, %d threads, "
                        + "Redis %,d keys (%,d expiring) %,d MB; %,d reconnects, %,d published, %,d received%n",
                phase, sample.at().toSeconds(), open, heap >> 20, sample.rssBytes() >> 20, sample.openFiles(),
                sample.threads(), sample.redisKeys(), sample.redisExpiringKeys(), sample.redisMemoryBytes() >> 20,
                reconnects.get(),
                published.get(), received.get());
        return sample;
    }
}
