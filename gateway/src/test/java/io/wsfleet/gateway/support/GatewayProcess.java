package io.wsfleet.gateway.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The gateway as its own JVM (the jar Maven packaged before the integration tests), so that a test
 * can crash it with SIGKILL: no shutdown hook, no cleanup, exactly as a pod that dies.
 */
public final class GatewayProcess implements AutoCloseable {
    private static final Path JAR = Path.of("target", "wsfleet-gateway.jar");

    private final Process process;
    private final int port;
    private final int adminPort;
    private final Path log;

    private GatewayProcess(Process process, int port, int adminPort, Path log) {
        this.process = process;
        this.port = port;
        this.adminPort = adminPort;
        this.log = log;
    }

    /** Starts a gateway with the test defaults plus {@code overrides}, and waits until it is ready. */
    public static GatewayProcess start(Map<String, String> overrides) throws IOException {
        Map<String, String> environment = new HashMap<>(TestGateway.testEnvironment());
        environment.putAll(overrides);
        return start(JAR, environment);
    }

    /**
     * Starts the gateway packaged at {@code jar} with exactly {@code environment} (no test defaults: a caller that
     * renders its own, as the operator's pod), on free loopback ports, and waits until it is ready.
     */
    public static GatewayProcess start(Path jar, Map<String, String> environment) throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run the integration tests with mvn verify");
        }
        int port = freePort();
        int adminPort = freePort();
        Path log = Files.createTempFile("gateway-", ".log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("ADMIN_PORT", String.valueOf(adminPort));
        GatewayProcess gateway = new GatewayProcess(builder.start(), port, adminPort, log);
        gateway.awaitReady(Duration.ofSeconds(30));
        return gateway;
    }

    public URI wsUri() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    public URI adminUri(String path) {
        return URI.create("http://127.0.0.1:" + adminPort + path);
    }

    public TestClient connect(String userId) {
        TestClient client = TestClient.connect(TestClient.builder()
                .header("Authorization", "Bearer " + Tokens.forUser(userId)), wsUri());
        client.sync();
        return client;
    }

    /** Everything the process wrote so far, standard output and error together. */
    public String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM, as Kubernetes stops a pod: the gateway drains; returns once the process has exited. */
    public void terminate() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** SIGKILL. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws Exception {
        kill();
        Files.deleteIfExists(log);
    }

    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited: " + Files.readString(log));
            }
            try (var socket = new java.net.Socket("127.0.0.1", adminPort)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("gateway did not start within " + timeout + ": " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
