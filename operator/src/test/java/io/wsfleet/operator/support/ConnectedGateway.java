package io.wsfleet.operator.support;

import io.wsfleet.gateway.Gateway;
import io.wsfleet.gateway.auth.DevelopmentCredentials;
import io.wsfleet.gateway.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/** A real gateway on random loopback ports (no Redis), and WebSocket clients connected to it with valid tokens. */
public final class ConnectedGateway implements AutoCloseable {

    private static final String SECRET = "operator-test-secret-0123456789abcdef";

    private final Gateway gateway;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WebSocket> clients = new ArrayList<>();

    private ConnectedGateway(Gateway gateway) {
        this.gateway = gateway;
    }

    public static ConnectedGateway start() {
        return new ConnectedGateway(Gateway.start(ConfigLoader.load(Map.of(
                "HOST", "127.0.0.1", "PORT", "0", "ADMIN_PORT", "0", "JWT_SECRET_KEY", SECRET,
                "CONNECTION_RATE_LIMIT", "1000000", "DRAIN_DEREGISTRATION_DELAY_SECONDS", "0", "DRAIN_WINDOW_SECONDS", "0",
                "SHUTDOWN_GRACE_SECONDS", "2"))));
    }

    /** host:port of the admin port, where /metrics is. */
    public String adminAddress() {
        return "127.0.0.1:" + gateway.adminPort();
    }

    /** Connects until the gateway holds {@code count} connections (each client its own user). */
    public void connectUntil(int count) {
        while (clients.size() < count) {
            clients.add(http.newWebSocketBuilder().header("Authorization", "Bearer "
                            + DevelopmentCredentials.sign(SECRET, "user-" + UUID.randomUUID(), Duration.ofHours(1)))
                    .buildAsync(URI.create("ws://127.0.0.1:" + gateway.port() + "/ws"), new WebSocket.Listener() { }).join());
        }
        awaitConnections();
    }

    /** Closes clients until the gateway holds {@code count} connections. */
    public void disconnectUntil(int count) {
        while (clients.size() > count) {
            clients.removeLast().sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
        awaitConnections();
    }

    private void awaitConnections() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> gateway.node().connectionCount() == clients.size());
    }

    @Override
    public void close() {
        clients.forEach(WebSocket::abort);
        gateway.close();
        http.close();
    }
}
