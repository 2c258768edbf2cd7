package io.wsfleet.gateway.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One {@code redis-server} child process on a free loopback port, with its own temporary directory
 * holding its output ({@code redis-PORT.log}) and anything it writes. Shared by {@link RedisServer}
 * and {@link RedisCluster}; also speaks just enough RESP to send them commands.
 */
final class RedisProcess implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";
    private static final long PING_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long RESTART_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int PORT_ATTEMPTS = 5;
    private static final int OUTPUT_TAIL_LINES = 30;

    private final Path dir;
    private final int port;
    private final List<String> command;
    private final Path log;
    // Kills the server if a test never closes it, so that a failed run leaves no servers behind.
    private final Thread killOnExit = new Thread(this::kill, "redis-server-killer");
    private volatile Process process;

    private RedisProcess(Path dir, int port, List<String> command) {
        this.dir = dir;
        this.port = port;
        this.command = command;
        this.log = dir.resolve("redis-" + port + ".log");
    }

    /**
     * Starts {@code redis-server} on a free port and waits until it answers PING. {@code extraArgs}
     * gives the arguments beyond the defaults for the process's directory and port.
     */
    static RedisProcess start(String dirPrefix, BiFunction<Path, Integer, List<String>> extraArgs) {
        return launchOnFreePort(dirPrefix, (dir, port) -> {
            List<String> args = new ArrayList<>(listening(dir, port));
            args.addAll(List.of("--save", "", "--appendonly", "no"));
            args.addAll(extraArgs.apply(dir, port));
            return args;
        });
    }

    /**
     * Starts {@code redis-server} in Sentinel mode on a free port, with the configuration {@code config}
     * gives for its port in a file of its own, which goes first (a Sentinel rewrites it as it learns).
     */
    static RedisProcess startSentinel(String dirPrefix, Function<Integer, String> config) {
        return launchOnFreePort(dirPrefix, (dir, port) -> {
            Path file = dir.resolve("sentinel-" + port + ".conf");
            try {
                Files.writeString(file, config.apply(port));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> args = new ArrayList<>(List.of(file.toString(), "--sentinel"));
            args.addAll(listening(dir, port));
            return args;
        });
    }

    private static List<String> listening(Path dir, int port) {
        return List.of("--port", String.valueOf(port), "--bind", LOOPBACK, "--protected-mode", "no", "--dir", dir.toString());
    }

    /** {@code args} gives redis-server's arguments for the directory and the port picked. */
    private static RedisProcess launchOnFreePort(String dirPrefix, BiFunction<Path, Integer, List<String>> args) {
        String server = executable("redis-server");
        Path dir = createTempDir(dirPrefix);
        try {
            // The port is free when probed but may be taken before redis binds it: try another.
            for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
                int port = freePort();
                List<String> command = new ArrayList<>(List.of(server));
                command.addAll(args.apply(dir, port));
                RedisProcess redis = new RedisProcess(dir, port, List.copyOf(command));
                if (redis.launch()) {
                    Runtime.getRuntime().addShutdownHook(redis.killOnExit);
                    return redis;
                }
            }
            throw new IllegalStateException("redis-server found no free port in " + PORT_ATTEMPTS + " attempts");
        } catch (RuntimeException e) {
            deleteRecursively(dir);
            throw e;
        }
    }

    /** The absolute path of {@code name} on the PATH; fails naming the binary when it is missing. */
    static String executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry, name))
                .filter(Files::isExecutable)
                .findFirst()
                .map(Path::toString)
                .orElseThrow(() -> new IllegalStateException(name + " is not on the PATH: the Redis tests need "
                        + "redis-server 7 or newer and redis-cli (Debian/Ubuntu: apt-get install redis-server)"));
    }

    /** A port nothing listens on right now (the OS's pick for an ephemeral bind). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    int port() {
        return port;
    }

    boolean running() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** SIGKILL, as in a crash: no shutdown, no goodbye to clients. Returns once the process is gone. */
    void kill() {
        Process current = process;
        if (current != null) {
            current.destroyForcibly();
            current.onExit().join();
        }
    }

    /** Kills the server if it still runs, then starts it again on the same port with the same arguments. */
    void restart() {
        kill();
        // A just-released port can stay busy for a moment (or be taken by someone else): keep trying.
        long deadline = System.nanoTime() + RESTART_TIMEOUT_NANOS;
        while (!launch()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server could not bind port " + port + " again within 10 s");
            }
            sleep(100);
        }
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to run anyway.
        }
        deleteRecursively(dir);
    }

    /**
     * Sends one command over a fresh connection and returns the raw RESP reply as text, CRLFs
     * included: {@code "+PONG\r\n"}, {@code ":0\r\n"}, {@code "*1\r\n$3\r\nfoo\r\n"}, ...
     */
    String command(String... args) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(Resp.encode(args));
            out.flush();
            return Resp.readReply(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("redis command " + String.join(" ", args) + " to port " + port, e);
        }
    }

    /**
     * Starts the process and waits for PING. Returns false if it could not bind its ports; throws,
     * with the process's output, on any other failure.
     */
    private boolean launch() {
        long outputStart = log.toFile().length();
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0), e);
        }
        long deadline = System.nanoTime() + PING_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            if (answersPing()) {
                return true;
            }
            if (!process.isAlive()) {
                String output = outputSince(outputStart);
                if (output.contains("Address already in use")) {
                    return false;
                }
                throw new IllegalStateException("redis-server on port " + port + " exited with code "
                        + process.exitValue() + ":\n" + output);
            }
            sleep(20);
        }
        kill();
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING within 10 s:\n"
                + outputSince(outputStart));
    }

    private boolean answersPing() {
        try {
            return command("PING").startsWith("+PONG");
        } catch (UncheckedIOException notYet) {
            return false;
        }
    }

    /** The last lines the process wrote since byte {@code offset} of its log. */
    private String outputSince(long offset) {
        try {
            byte[] bytes = Files.readAllBytes(log);
            List<String> lines = new String(bytes, (int) Math.min(offset, bytes.length),
                    (int) Math.max(0, bytes.length - offset), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - OUTPUT_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private static Path createTempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }

    /** The RESP2 wire format, just enough for test commands. */
    private static final class Resp {
        private Resp() {
        }

        static byte[] encode(String... args) {
            StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                        .append(arg).append("\r\n");
            }
            return request.toString().getBytes(StandardCharsets.UTF_8);
        }

        /** Reads exactly one reply, nested arrays included, and returns it as it came. */
        static String readReply(InputStream in) throws IOException {
            StringBuilder reply = new StringBuilder();
            readReply(in, reply);
            return reply.toString();
        }

        private static void readReply(InputStream in, StringBuilder reply) throws IOException {
            String line = readLine(in);
            reply.append(line).append("\r\n");
            switch (line.charAt(0)) {
                case '$' -> {
                    int length = Integer.parseInt(line.substring(1));
                    if (length >= 0) {
                        reply.append(new String(in.readNBytes(length + 2), StandardCharsets.UTF_8));
                    }
                }
                case '*' -> {
                    int count = Integer.parseInt(line.substring(1));
                    for (int i = 0; i < count; i++) {
                        readReply(in, reply);
                    }
                }
                default -> {
                    // +simple, -error and :integer replies are the one line.
                }
            }
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int previous = -1, b = in.read(); !(previous == '\r' && b == '\n'); previous = b, b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed mid-reply");
                }
                line.write(b);
            }
            byte[] bytes = line.toByteArray();
            return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
        }
    }
}
