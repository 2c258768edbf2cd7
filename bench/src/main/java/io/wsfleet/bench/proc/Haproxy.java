package io.wsfleet.bench.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * HAProxy (Debian's package) as the stand-in for the network load balancer in front of the gateways:
 * WebSocket connections pass through at layer 4 with a PROXY protocol v2 header, so the gateways see
 * each client's own address, and new connections are spread evenly over the ready gateways (in turn),
 * as an NLB's flow hash spreads many clients; publications of the application's backend go over HTTP to the publish API on the
 * admin ports, as a Kubernetes Service would send them. The targets are {@link #SLOTS} server slots,
 * registered and deregistered through HAProxy's runtime API as gateways come and go; every second
 * HAProxy checks each one's {@code /health/ready} and sends nothing to one that failed three checks
 * (draining, or too busy to answer within 5 s).
 */
public final class Haproxy implements AutoCloseable {
    /** The most gateways at once. */
    public static final int SLOTS = 8;
    private static final String GATEWAYS = "gateways";
    private static final String PUBLISH_API = "publish-api";
    /** HAProxy holds two descriptors per connection: below the 20,000 one process may open. */
    private static final int MAX_CONNECTIONS = 9_000;
    /** The gateway's readiness on its admin port, as an HTTP/1.1 request (HAProxy's default check speaks 1.0). */
    private static final String READINESS_CHECK = "    http-check send meth GET uri /health/ready ver HTTP/1.1 hdr Host localhost";

    private final ServerProcess process;
    private final int publishPort;
    private final int runtimePort;

    private Haproxy(ServerProcess process, int publishPort, int runtimePort) {
        this.process = process;
        this.publishPort = publishPort;
        this.runtimePort = runtimePort;
    }

    /** Writes the configuration into {@code folder} and starts HAProxy in the foreground, logging to {@code log}. */
    public static Haproxy start(Path folder, Path log) {
        int webSocketPort = FreePorts.next();
        int publishPort = FreePorts.next();
        int runtimePort = FreePorts.next();
        Path config = folder.resolve("haproxy.cfg");
        try {
            Files.write(config, configuration(webSocketPort, publishPort, runtimePort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerProcess process = ServerProcess.start("haproxy", List.of(binary(), "-db", "-f", config.toString()), Map.of(),
                webSocketPort, log);
        return new Haproxy(process, publishPort, runtimePort);
    }

    static List<String> configuration(int webSocketPort, int publishPort, int runtimePort) {
        Stream<String> head = Stream.of(
                "global",
                "    maxconn " + MAX_CONNECTIONS,
                "    stats socket ipv4@127.0.0.1:" + runtimePort + " level admin",
                "defaults",
                "    maxconn " + MAX_CONNECTIONS,
                "    timeout connect 2s",
                "    timeout client 1h",
                "    timeout server 1h",
                "    timeout tunnel 1h",
                // Lenient checks: a gateway busy with reconnects answers late, and one that flaps out of the
                // targets would send its share of new connections to the others (an NLB also wants several
                // failed checks); three failed seconds still take a draining one out within its deregistration delay.
                "    timeout check 5s",
                // a connection refused by a gateway that just stopped goes to another one
                "    retries 3",
                "    option redispatch",
                "frontend websockets",
                "    mode tcp",
                "    bind 127.0.0.1:" + webSocketPort,
                "    default_backend " + GATEWAYS,
                "backend " + GATEWAYS,
                "    mode tcp",
                // In turn, not HAProxy's random: that is a consistent-hash ring, which gives a few servers
                // unequal shares (by a fifth and more), where an NLB's flow hash spreads evenly on average.
                "    balance roundrobin",
                "    option httpchk",
                READINESS_CHECK,
                "    default-server check inter 1s fall 3 rise 2 send-proxy-v2 disabled");
        Stream<String> publish = Stream.of(
                "frontend publish",
                "    mode http",
                "    bind 127.0.0.1:" + publishPort,
                "    default_backend " + PUBLISH_API,
                "backend " + PUBLISH_API,
                "    mode http",
                "    balance roundrobin",
                "    option httpchk",
                READINESS_CHECK,
                "    default-server check inter 1s fall 3 rise 2 disabled");
        // Placeholder ports until a gateway is registered in the slot; the checks use the admin port.
        Stream<String> slots = IntStream.range(0, SLOTS).mapToObj(slot -> "    server " + slot(slot) + " 127.0.0.1:1 port 1");
        Stream<String> apiSlots = IntStream.range(0, SLOTS).mapToObj(slot -> "    server " + slot(slot) + " 127.0.0.1:1");
        return Stream.of(head, slots, publish, apiSlots).flatMap(lines -> lines).toList();
    }

    /** The port clients open WebSockets to. */
    public int webSocketPort() {
        return process.port();
    }

    /** The port of the publish API ({@code POST /api/rooms/{id}/messages}). */
    public int publishPort() {
        return publishPort;
    }

    public ServerProcess process() {
        return process;
    }

    /** Makes the gateway listening on {@code port} (admin port {@code adminPort}) the target of {@code slot}. */
    public void register(int slot, int port, int adminPort) {
        command("set server " + GATEWAYS + "/" + slot(slot) + " addr 127.0.0.1 port " + port);
        command("set server " + GATEWAYS + "/" + slot(slot) + " check-port " + adminPort);
        command("set server " + PUBLISH_API + "/" + slot(slot) + " addr 127.0.0.1 port " + adminPort);
        command("set server " + GATEWAYS + "/" + slot(slot) + " state ready");
        command("set server " + PUBLISH_API + "/" + slot(slot) + " state ready");
    }

    /** Takes {@code slot} out of service: no new connections; open ones stay until they end. */
    public void deregister(int slot) {
        command("set server " + GATEWAYS + "/" + slot(slot) + " state maint");
        command("set server " + PUBLISH_API + "/" + slot(slot) + " state maint");
    }

    private static String slot(int slot) {
        return "slot" + slot;
    }

    /** One command of the runtime API, on a connection of its own; fails on an answer other than what changed. */
    private void command(String line) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", runtimePort), 2_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!answer.isEmpty() && !answer.contains("no need to change") && !answer.contains("changed from")) {
                throw new IllegalStateException("HAProxy refused `" + line + "`: " + answer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach HAProxy's runtime API", e);
        }
    }

    /** Debian installs it in /usr/sbin, which is not on every user's PATH. */
    public static String binary() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(folder -> Path.of(folder, "haproxy"))
                .filter(Files::isExecutable)
                .findFirst()
                .or(() -> Stream.of(Path.of("/usr/sbin/haproxy")).filter(Files::isExecutable).findFirst())
                .map(Path::toString)
                .orElseThrow(() -> new IllegalStateException("the fleet simulation needs haproxy (Debian's package)"));
    }

    @Override
    public void close() {
        process.close();
    }
}
