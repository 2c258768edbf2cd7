package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import io.wsfleet.gateway.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server pings keep quiet but live clients connected; silence (no frames, no pongs) closes a
 * connection after the idle timeout, and so does an upgrade that never starts or never finishes.
 */
class IdleConnectionsIT {
    private static final Duration IDLE = Duration.ofSeconds(3);

    @RegisterExtension
    static final TestGateway gateway = TestGateway.perClass(Map.of(
            "PING_INTERVAL_SECONDS", "1", "IDLE_TIMEOUT_SECONDS", String.valueOf(IDLE.toSeconds())));

    @Test
    void aQuietClientThatAnswersPingsStaysConnected() throws Exception {
        try (TestClient quiet = gateway.connect("idle-quiet")) {
            // The JDK client answers pings by itself; it sends nothing else for twice the idle timeout.
            Thread.sleep(IDLE.multipliedBy(2).toMillis());
            assertThat(quiet.isClosed()).isFalse();
            quiet.sync();
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedAfterTheIdleTimeout() {
        TestClient dead = TestClient.connectStalled(TestClient.builder()
                .header("Authorization", "Bearer " + Tokens.forUser("idle-dead")), gateway.wsUri());
        await().until(() -> gateway.gateway().node().deviceCount("idle-dead") == 1);
        // It never reads our pings, so never answers them.
        await().atMost(IDLE.multipliedBy(4)).until(() -> gateway.gateway().node().deviceCount("idle-dead") == 0);
        dead.socket().abort();
    }

    @Test
    void aConnectionThatNeverSendsItsUpgradeIsDropped() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.gateway().port())) {
            socket.setSoTimeout((int) IDLE.multipliedBy(4).toMillis());
            InputStream in = socket.getInputStream();
            int read;
            do {
                read = in.read();
            } while (read >= 0);
            assertThat(read).as("the server closed the connection").isEqualTo(-1);
        }
    }

    @Test
    void anUpgradeWhoseHeadersStopArrivingIsDropped() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.gateway().port())) {
            socket.setSoTimeout((int) IDLE.multipliedBy(4).toMillis());
            // Slowloris: a request line and one header, then nothing more (the blank line never comes).
            socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertThat(socket.getInputStream().readAllBytes()).as("closed without an answer").isEmpty();
        }
    }
}
