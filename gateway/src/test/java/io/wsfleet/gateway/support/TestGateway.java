package io.wsfleet.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.wsfleet.gateway.Gateway;
import io.wsfleet.gateway.config.ConfigLoader;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real gateway on random ports, configured through the same loader and environment names as
 * production. Either started at once ({@link #start}) or, registered as a JUnit extension
 * ({@link #perClass}), once for a whole test class.
 */
public final class TestGateway implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    public static final String API_KEY = "test-publish-key";

    private final Map<String, String> environment;
    private final HttpClient http = HttpClient.newHttpClient();
    private Gateway gateway;

    private TestGateway(Map<String, String> environment) {
        this.environment = environment;
    }

    public static TestGateway start() {
        return start(Map.of());
    }

    /** Starts with the test defaults overridden by {@code overrides} (environment variable names). */
    public static TestGateway start(Map<String, String> overrides) {
        TestGateway gateway = perClass(overrides);
        gateway.beforeAll(null);
        return gateway;
    }

    /** For {@code @RegisterExtension static}: started before the class's tests, closed after them. */
    public static TestGateway perClass() {
        return perClass(Map.of());
    }

    public static TestGateway perClass(Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(testEnvironment());
        environment.putAll(overrides);
        return new TestGateway(environment);
    }

    /** What every test gateway runs with, in environment variable names, before a test's overrides. */
    static Map<String, String> testEnvironment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("PORT", "0");
        environment.put("ADMIN_PORT", "0");
        environment.put("HOST", "127.0.0.1");
        environment.put("JWT_SECRET_KEY", Tokens.SECRET);
        environment.put("PUBLISH_API_KEY", API_KEY);
        environment.put("SHUTDOWN_GRACE_SECONDS", "3");
        // Tests open many connections from one address; LimitsIT checks the limits themselves.
        environment.put("CONNECTION_RATE_LIMIT", "1000000");
        environment.put("MESSAGE_RATE_LIMIT", "1000000");
        environment.put("MAX_CONNECTIONS_PER_USER", "100");
        // Stopping at once keeps the suite fast; PacedDrainIT and RebalancingIT set their own.
        environment.put("DRAIN_DEREGISTRATION_DELAY_SECONDS", "0");
        environment.put("DRAIN_WINDOW_SECONDS", "0");
        environment.put("REBALANCE_ENABLED", "false");
        // Rooms hear a drained member leave at once; PresenceReconnectGraceIT sets a grace.
        environment.put("PRESENCE_RECONNECT_GRACE_SECONDS", "0");
        return environment;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        gateway = Gateway.start(ConfigLoader.load(environment), () -> ConfigLoader.load(environment));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    public Gateway gateway() {
        return gateway;
    }

    public URI wsUri() {
        return URI.create("ws://127.0.0.1:" + gateway.port() + "/ws");
    }

    public URI adminUri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.adminPort() + path);
    }

    /** Connects as a user with an {@code Authorization: Bearer} token. */
    public TestClient connect(String userId) {
        return connectWithToken(Tokens.forUser(userId));
    }

    /**
     * Connects and returns once the server has opened the session: the client sees the 101 before the
     * server registers it, so a ping round trip makes "connected" mean the same on both sides.
     */
    public TestClient connectWithToken(String token) {
        TestClient client = TestClient.connect(TestClient.builder().header("Authorization", "Bearer " + token), wsUri());
        client.sync();
        return client;
    }

    /**
     * Connects and sends {@code resume} as the first message (with {@code since} unless it is null), as
     * a reconnecting client does; returns without waiting for the answer.
     */
    public TestClient connectResuming(String userId, JsonNode since) {
        TestClient client = TestClient.connect(TestClient.builder()
                .header("Authorization", "Bearer " + Tokens.forUser(userId)), wsUri());
        ObjectNode payload = TestClient.payload();
        if (since != null) {
            payload.set("since", since);
        }
        client.send("resume", payload, "resume");
        return client;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(adminUri(path)).GET().build());
    }

    public HttpResponse<String> post(String path, String body, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(adminUri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        gateway.close();
    }
}
