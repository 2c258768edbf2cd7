package io.wsfleet.bench.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.wsfleet.bench.Pause;

/**
 * A server the harness started (gateway, Socket.IO, redis-server): its role, its pid for CPU and
 * memory readings, and the port it serves. Output goes to a log file under the run's folder.
 */
public final class ServerProcess implements AutoCloseable {
    private final String role;
    private final Process process;
    private final int port;

    private ServerProcess(String role, Process process, int port) {
        this.role = role;
        this.process = process;
        this.port = port;
    }

    /** Starts {@code command} and waits until it accepts TCP connections on {@code port}. */
    public static ServerProcess start(String role, List<String> command, Map<String, String> environment, int port,
                                      Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            ServerProcess server = new ServerProcess(role, builder.start(), port);
            server.awaitListening(Duration.ofSeconds(60), log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + role, e);
        }
    }

    private void awaitListening(Duration timeout, Path log) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(role + " exited with " + process.exitValue() + "; see " + log);
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Pause.of(Duration.ofMillis(100));
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(role + " did not listen on " + port + " within " + timeout + "; see " + log);
    }

    public String role() {
        return role;
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    /**
     * The exit status (128 + the signal's number when a signal ended it) if the process has ended or ends
     * within {@code wait}; empty while it runs.
     */
    public Optional<Integer> exitStatus(Duration wait) {
        try {
            return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue())
                    : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public ProcessSample sample() {
        return ProcessSample.of(pid());
    }

    /** Sends SIGTERM, as Kubernetes stops a pod; completes when the process has exited. */
    public CompletableFuture<Void> terminate() {
        process.destroy();
        return process.onExit().thenApply(exited -> null);
    }

    /** Sends SIGKILL, as a pod lost with its node or killed for memory; completes when the process is gone. */
    public CompletableFuture<Void> kill() {
        process.destroyForcibly();
        return process.onExit().thenApply(exited -> null);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
