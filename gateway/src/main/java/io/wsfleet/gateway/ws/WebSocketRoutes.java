package io.wsfleet.gateway.ws;

import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnectionSelector;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;
import io.wsfleet.gateway.auth.TokenVerifier;
import io.wsfleet.gateway.limits.LimitRefusals;
import io.wsfleet.gateway.node.ClientMessages;
import io.wsfleet.gateway.node.Node;

/** The public socket: its HTTP/1 connections, the upgrade gate and the {@code /ws} endpoint. */
public final class WebSocketRoutes {
    /** The WebSocket endpoint path. */
    public static final String PATH = "/ws";

    private final Node node;
    private final ClientMessages messages;
    private final TokenVerifier verifier;
    private final int maxMessageBytes;
    private final UpgradeRules rules;
    private final WebSocketMeters meters;
    private final LimitRefusals refusals;
    private final Admissions admissions;
    private final OpenConnections open = new OpenConnections();

    public WebSocketRoutes(Node node, ClientMessages messages, TokenVerifier verifier, UpgradeRules rules,
                           int maxMessageBytes, WebSocketMeters meters, LimitRefusals refusals) {
        this.rules = rules;
        this.meters = meters;
        this.refusals = refusals;
        this.node = node;
        this.admissions = new Admissions(node::abandon);
        this.messages = messages;
        this.verifier = verifier;
        this.maxMessageBytes = maxMessageBytes;
    }

    public void http(HttpRouting.Builder routing) {
        routing.addFilter(new UpgradeGate(PATH, verifier, admissions, rules, node, meters, refusals))
                // Reached only by plain HTTP requests: an upgrade is switched before routing.
                .get(PATH, (request, response) -> response.status(Status.UPGRADE_REQUIRED_426)
                        .send("WebSocket endpoint: connect with a WebSocket client"));
    }

    public WsRouting.Builder webSocket() {
        return WsRouting.builder().endpoint(PATH,
                () -> new ConnectionListener(node, messages, admissions, open, maxMessageBytes, meters));
    }

    /**
     * How the public socket serves connections: HTTP/1 whose WebSocket upgrades leave the origin check to
     * the gate, and whose stalled requests are closed by the idle timeout.
     */
    public ServerConnectionSelector connections() {
        return new StalledRequestCloser(Http1ConnectionSelector.builder()
                .config(Http1Config.create())
                .upgraders(Map.of("websocket", new GateCheckedOrigins(protocol())))
                .build());
    }

    /** The WebSocket protocol settings; Helidon's WebSocket connections look them up on the listener. */
    public WsConfig protocol() {
        return WsConfig.builder().maxFrameLength(maxMessageBytes).build();
    }

    public OpenConnections open() {
        return open;
    }

    /** Ends what dropped sockets and upgrades that never opened left behind; called every second. */
    public void reap() {
        open.reapDropped();
        // Giving back a device may wait on Redis: never on the shared timer thread.
        Thread.ofVirtual().name("wsfleet-admissions").start(admissions::sweep);
    }
}
