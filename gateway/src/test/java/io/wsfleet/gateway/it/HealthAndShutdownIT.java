package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CompletableFuture;

import io.wsfleet.gateway.protocol.CloseCode;
import io.wsfleet.gateway.protocol.ReconnectClass;
import io.wsfleet.gateway.support.RawUpgrade;
import io.wsfleet.gateway.support.Scrape;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import io.wsfleet.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

/** Probes tell the truth, and shutdown tells every client to reconnect at once, elsewhere. */
class HealthAndShutdownIT {

    @Test
    void probesAnswerWhileServing() {
        try (TestGateway gateway = TestGateway.start()) {
            assertThat(gateway.get("/health/live").statusCode()).isEqualTo(200);
            assertThat(gateway.get("/health/ready").statusCode()).isEqualTo(200);
            assertThat(gateway.get("/health").body())
                    .contains("\"status\":\"ok\"", "\"connections\":0", "\"broker\":\"memory\"", "\"timestamp\"");
        }
    }

    @Test
    void shutdownClosesSessionsWithAReconnectNowCodeAfterTheirQueuedFrames() {
        TestGateway gateway = TestGateway.start();
        TestClient alice = gateway.connect("sd-alice");
        TestClient bob = gateway.connect("sd-bob");
        alice.join("sd");
        bob.join("sd");
        alice.send("room_message", TestClient.payload("room_id", "sd", "message", "last words"), "last");
        alice.awaitAck("last");

        gateway.close();

        for (TestClient client : new TestClient[] {alice, bob}) {
            TestClient.Closed closed = client.awaitClose();
            assertThat(closed.code()).isEqualTo(CloseCode.SERVICE_RESTART.code());
            assertThat(CloseCode.classify(closed.code())).isEqualTo(ReconnectClass.NOW);
            assertThat(client.frames("room_message")).hasSize(1);
        }
    }

    @Test
    void readinessTurnsDownFromTheFirstMomentOfADrain() throws Exception {
        TestGateway gateway = TestGateway.start();
        // A client that stops reading keeps the drain waiting for its close handshake.
        TestClient stalled = TestClient.connectStalled(TestClient.builder()
                .header("Authorization", "Bearer " + Tokens.forUser("stalled")),
                gateway.wsUri());
        await().until(() -> gateway.gateway().openConnections() == 1);

        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(gateway::close);
        await().until(() -> gateway.gateway().node().draining());
        assertThat(gateway.get("/health/ready").statusCode()).isEqualTo(503);
        assertThat(gateway.get("/health/ready").body()).contains("draining");
        assertThat(Scrape.of(gateway).value("wsfleet_ready")).isZero();
        assertThat(gateway.get("/health/live").statusCode()).isEqualTo(200);
        String refused = RawUpgrade.send(gateway.gateway().port(), "/ws",
                "Authorization: Bearer " + Tokens.forUser("latecomer"));
        assertThat(refused).startsWith("HTTP/1.1 503").contains("\"error\":\"draining\"");
        shutdown.join();
        stalled.close();
    }
}
