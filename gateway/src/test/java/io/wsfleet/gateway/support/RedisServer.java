package io.wsfleet.gateway.support;

import java.util.List;

/**
 * A real standalone {@code redis-server} for tests, on a random loopback port, without persistence,
 * in a temporary directory deleted by {@link #close}. Tests can crash it ({@link #kill}) and bring it
 * back on the same port ({@link #restart}), as a Redis outage seen by the gateway.
 */
public final class RedisServer implements AutoCloseable {
    private final RedisProcess process;

    private RedisServer(RedisProcess process) {
        this.process = process;
    }

    /** Starts a server and waits until it answers PING; {@code extraArgs} go to redis-server as they are. */
    public static RedisServer start(String... extraArgs) {
        return new RedisServer(RedisProcess.start("redis-", (dir, port) -> List.of(extraArgs)));
    }

    public int port() {
        return process.port();
    }

    /** The URL for the gateway's {@code REDIS_URL}. */
    public String uri() {
        return "redis://127.0.0.1:" + port();
    }

    /** SIGKILL, as in a crash; returns once the process is gone. */
    public void kill() {
        process.kill();
    }

    /** Starts the server again, empty, on the same port (killing it first if it still runs). */
    public void restart() {
        process.restart();
    }

    public boolean running() {
        return process.running();
    }

    /**
     * Sends one command and returns the raw RESP reply, e.g. {@code command("PUBSUB", "CHANNELS", "*")}
     * gives {@code "*1\r\n$7\r\nchannel\r\n"}. Fails with an {@link java.io.UncheckedIOException} if
     * the server is down.
     */
    public String command(String... args) {
        return process.command(args);
    }

    /** Kills the server and deletes its directory. */
    @Override
    public void close() {
        process.close();
    }
}
