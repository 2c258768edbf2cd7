package io.wsfleet.gateway;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.wsfleet.gateway.admin.DrainApi;
import io.wsfleet.gateway.admin.PublishApi;
import io.wsfleet.gateway.auth.DevelopmentCredentials;
import io.wsfleet.gateway.auth.TokenVerifier;
import io.wsfleet.gateway.broker.Broker;
import io.wsfleet.gateway.config.GatewayConfig;
import io.wsfleet.gateway.config.Live;
import io.wsfleet.gateway.history.RetentionRules;
import io.wsfleet.gateway.example.ChatExample;
import io.wsfleet.gateway.fleet.Drain;
import io.wsfleet.gateway.fleet.Rebalancer;
import io.wsfleet.gateway.http.UnexpectedFailures;
import io.wsfleet.gateway.limits.LimitRefusals;
import io.wsfleet.gateway.limits.RateLimits;
import io.wsfleet.gateway.node.ClientMessages;
import io.wsfleet.gateway.node.Node;
import io.wsfleet.gateway.node.PingRounds;
import io.wsfleet.gateway.observe.HealthRoutes;
import io.wsfleet.gateway.observe.LogSettings;
import io.wsfleet.gateway.observe.MeteredBroker;
import io.wsfleet.gateway.observe.Metrics;
import io.wsfleet.gateway.observe.MetricsRoutes;
import io.wsfleet.gateway.room.AccessPolicy;
import io.wsfleet.gateway.room.Room;
import io.wsfleet.gateway.room.RoomDirectory;
import io.wsfleet.gateway.room.RoomSeedFile;
import io.wsfleet.gateway.session.SessionMeters;
import io.wsfleet.gateway.session.SessionSettings;
import io.wsfleet.gateway.ws.OpenConnections;
import io.wsfleet.gateway.ws.UpgradeRules;
import io.wsfleet.gateway.ws.WebSocketMeters;
import io.wsfleet.gateway.ws.WebSocketRoutes;

/**
 * A running gateway: builds the components from a {@link GatewayConfig} and serves the public
 * WebSocket port and the admin port. Tests start it on port 0 the same way {@link Main} does.
 */
public final class Gateway implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());
    private static final String ADMIN_SOCKET = "admin";
    private static final long ADMIN_MAX_PAYLOAD_BYTES = 128 * 1024;

    private final GatewayConfig config;
    private final Optional<DevelopmentCredentials> development;
    private final WebServer server;
    private final Node node;
    private final Broker broker;
    private final ClusterState cluster;
    private final OpenConnections open;
    private final ExecutorService writers;
    private final ScheduledExecutorService scheduler;
    private final Metrics metrics;
    private final Drain drain;

    private Gateway(GatewayConfig config, Supplier<GatewayConfig> reload) {
        this.config = config;
        LogSettings logSettings = new LogSettings();
        logSettings.applyLevel(config.logging().level());
        this.development = config.auth().developmentMode()
                ? Optional.of(DevelopmentCredentials.generate()) : Optional.empty();
        this.writers = Executors.newVirtualThreadPerTaskExecutor();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("wsfleet-timer").factory());
        List<Room> seed = config.rooms().seedFile().map(RoomSeedFile::read).orElse(List.of());
        this.cluster = ClusterState.create(config, seed);
        this.metrics = new Metrics();
        MeterRegistry registry = metrics.registry();
        SessionSettings sessions = new SessionSettings(config.session().outboundQueueBytes(),
                config.session().shutdownGrace(), writers, scheduler, SessionMeters.register(registry));
        this.broker = new MeteredBroker(cluster.broker(), registry);
        cluster.redis().ifPresent(redis -> metrics.watchRedis(redis::connected));
        Live<RetentionRules> retention = new Live<>(RetentionRules.of(config.history(), seed));
        this.node = new Node(broker, cluster.presence(), sessions, config.presence(), retention);
        metrics.watch(node);
        cluster.onReconnected(node::resync);
        node.startPresenceLeases(scheduler);
        this.drain = new Drain(node, config.drain(), registry);
        cluster.fleet().ifPresent(loads -> new Rebalancer(node, loads, config.rebalance(), registry).start(scheduler));
        RoomDirectory directory = cluster.directory();
        AccessPolicy policy = new AccessPolicy(directory, config.rooms().unknownRooms());
        TokenVerifier verifier = TokenVerifier.create(config.auth(),
                development.map(DevelopmentCredentials::secret).orElse(null));
        verifier.keySet().ifPresent(keys -> {
            keys.start(scheduler);
            metrics.watchKeySet(keys);
        });
        verifier.keyFile().ifPresent(file -> {
            file.start(scheduler);
            metrics.watchKeyFile(file);
        });
        Live<RateLimits> limits = new Live<>(cluster.rateLimits(config.limits()));
        Live<GatewayConfig.Origins> origins = new Live<>(config.origins());
        UpgradeRules rules = new UpgradeRules(limits, origins, config.clients().trustedProxies());
        LimitRefusals refusals = new LimitRefusals(registry);
        WebSocketRoutes webSocket = new WebSocketRoutes(node,
                new ClientMessages(node, policy, limits, config.session().dedupWindow(),
                        config.session().outboundQueueBytes() / 2, registry, refusals),
                verifier, rules, config.session().maxMessageBytes(), new WebSocketMeters(registry), refusals);
        this.open = webSocket.open();
        Optional<String> apiKey = config.admin().apiKey().or(() -> development.map(DevelopmentCredentials::apiKey));
        Optional<ChatExample> chat = servesChatExample() ? Optional.of(new ChatExample(development)) : Optional.empty();
        this.server = server(config, webSocket, node, new HealthRoutes(node, verifier.keySet()), metrics, apiKey, chat,
                drain).start();
        scheduleMaintenance(reload, rules, retention, directory, logSettings, webSocket);
        LOG.log(Level.INFO, "gateway listening on port {0} (admin {1}), broker {2}",
                String.valueOf(server.port()), String.valueOf(server.port(ADMIN_SOCKET)), broker.kind());
    }

    private static WebServer server(GatewayConfig config, WebSocketRoutes webSocket, Node node, HealthRoutes health,
                                    Metrics metrics, Optional<String> apiKey, Optional<ChatExample> chat, Drain drain) {
        var builder = WebServer.builder()
                .host(config.server().host())
                .port(config.server().port())
                .shutdownHook(false)
                .enableProxyProtocol(config.clients().proxyProtocol())
                // Helidon leaves Nagle's algorithm on: a frame written right after another then waits for
                // the client's delayed ACK (up to 40 ms), which the fan-out benchmark showed as p99 spikes
                // of hundreds of milliseconds on an idle CPU. Real-time frames go out at once.
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                // Blocking sockets (Helidon's PlainSocket) keep one 8 KiB read buffer per connection where its
                // NIO socket keeps two, and write without a staging copy: 7 KB less heap per idle connection
                // in the idle benchmark, the same CPU per frame (docs/benchmarks.md). On virtual threads a
                // blocking read parks the thread, not its carrier.
                .useNio(false)
                // Closes connections silent for this long: dead WebSocket clients (no pong to our pings)
                // and clients that never finish the HTTP upgrade.
                .idleConnectionTimeout(config.session().idleTimeout())
                .idleConnectionPeriod(idleCheckPeriod(config.session().idleTimeout()))
                .routing(routing -> {
                    UnexpectedFailures.register(routing);
                    webSocket.http(routing);
                    chat.ifPresent(example -> example.register(routing));
                })
                .addRouting(webSocket.webSocket())
                // Only the gateway's own HTTP/1 selector: no discovered one beside it to take connections.
                .protocolsDiscoverServices(false)
                .addProtocol(webSocket.protocol())
                .addConnectionSelector(webSocket.connections())
                .putSocket(ADMIN_SOCKET, socket -> socket
                        .host(config.server().host())
                        .port(config.server().adminPort())
                        .maxPayloadSize(ADMIN_MAX_PAYLOAD_BYTES)
                        .routing(routing -> {
                            UnexpectedFailures.register(routing);
                            health.register(routing);
                            new MetricsRoutes(metrics).register(routing);
                            new PublishApi(node, apiKey).register(routing);
                            new DrainApi(drain, node, apiKey).register(routing);
                        }));
        config.tls().ifPresent(tls -> builder.tls(TlsMaterial.load(tls)));
        return builder.build();
    }

    /** The periodic work on the timer: dropped sockets and unopened admissions, pings, certificate and configuration files. */
    private void scheduleMaintenance(Supplier<GatewayConfig> reload, UpgradeRules rules, Live<RetentionRules> retention,
                                     RoomDirectory directory, LogSettings logSettings, WebSocketRoutes webSocket) {
        scheduler.scheduleWithFixedDelay(webSocket::reap, 1, 1, TimeUnit.SECONDS);
        PingRounds rounds = PingRounds.over(config.session().pingInterval());
        AtomicLong round = new AtomicLong();
        scheduler.scheduleWithFixedDelay(() -> node.pingIdleSessions(rounds, round.getAndIncrement()),
                1, 1, TimeUnit.SECONDS);
        config.tls().ifPresent(tls -> TlsReloader.watch(tls, server, scheduler));
        ConfigReloader.watch(config.reload(), reload, changed -> {
            // Applied live: limits, history retention, origins, room seeds and the log level. Other keys take
            // effect at the next start.
            // The seed file is read first, so that an invalid one changes nothing.
            List<Room> rooms = changed.rooms().seedFile().map(RoomSeedFile::read).orElse(List.of());
            cluster.encryption().update(rooms);
            rules.limits().replace(cluster.rateLimits(changed.limits()));
            rules.origins().replace(changed.origins());
            retention.replace(RetentionRules.of(changed.history(), rooms));
            rooms.forEach(directory::put);
            logSettings.applyLevel(changed.logging().level());
        }, scheduler);
    }

    /** How often idle connections are looked for: a tenth of the timeout (at least a second). */
    private static Duration idleCheckPeriod(Duration idleTimeout) {
        Duration tenth = idleTimeout.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : tenth;
    }

    /** Starts a gateway whose configuration is not reloaded. */
    public static Gateway start(GatewayConfig config) {
        return new Gateway(config, () -> config);
    }

    /** Starts a gateway that applies {@code reload()} whenever its configuration files change. */
    public static Gateway start(GatewayConfig config, Supplier<GatewayConfig> reload) {
        return new Gateway(config, reload);
    }

    public int port() {
        return server.port();
    }

    public int adminPort() {
        return server.port(ADMIN_SOCKET);
    }

    /** Whether the example chat page is served on the public port (development environment only). */
    public boolean servesChatExample() {
        return config.environment() == GatewayConfig.Environment.DEVELOPMENT;
    }

    public boolean secure() {
        return config.tls().isPresent();
    }

    /** Present when no key is configured: the generated secret, API key and a sample token. */
    public Optional<DevelopmentCredentials> development() {
        return development;
    }

    /** Whether the publish API key was configured (PUBLISH_API_KEY) rather than generated for development. */
    public boolean apiKeyConfigured() {
        return config.admin().apiKey().isPresent();
    }

    /** WebSocket connections whose socket is still open (a closing session counts until its socket closed). */
    public int openConnections() {
        return open.count();
    }

    public Node node() {
        return node;
    }

    /**
     * Graceful shutdown: the paced drain (readiness false, the deregistration delay, every session closed
     * with a reconnect-now code after its queued frames, spread over the drain window; or the drain an
     * operator started already), then the server stops once the close handshakes finished and the rooms
     * heard who did not come back within the presence grace, or the shutdown grace period ran out.
     */
    @Override
    public void close() {
        try {
            drain.start().get(drain.length().plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "drain did not complete; stopping anyway", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Instant graceEnds = Instant.now().plus(config.session().shutdownGrace());
            if (!open.awaitNone(config.session().shutdownGrace())) {
                LOG.log(Level.WARNING, "shutdown grace period ended with connections still open");
            }
            // Within the same grace period, which the pod's terminationGracePeriodSeconds already covers.
            node.finishLeaves(graceEnds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop();
        scheduler.shutdownNow();
        writers.shutdown();
        try {
            // Session endings run on the writers: let them record presence before Redis is closed.
            writers.awaitTermination(config.session().shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        broker.close();
        cluster.close();
        metrics.close();
    }
}
