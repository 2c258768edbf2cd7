package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsfleet.gateway.support.GatewayProcess;
import io.wsfleet.gateway.support.LogCapture;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import io.wsfleet.gateway.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection lifecycle lines as JSON from a real gateway process, and a log level changed while it runs. */
class LoggingIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonLinesNameTheUserAndTheConnectionAndNeverTheToken() throws Exception {
        String good = Tokens.forUser("log-carol");
        String expired = Tokens.expired("log-carol");
        try (GatewayProcess gateway = GatewayProcess.start(Map.of("LOG_FORMAT", "json"))) {
            try (TestClient client = TestClient.connect(TestClient.builder(),
                    URI.create(gateway.wsUri() + "?token=" + good))) {
                client.sync();
            }
            assertThat(catchThrowable(() -> TestClient.connect(TestClient.builder(),
                    URI.create(gateway.wsUri() + "?token=" + expired)))).isNotNull();

            await().atMost(Duration.ofSeconds(10)).until(() -> lines(gateway).stream()
                    .anyMatch(line -> line.path("message").asText().startsWith("connection closed")));
            List<JsonNode> lines = lines(gateway);
            JsonNode opened = lines.stream()
                    .filter(line -> line.path("message").asText().startsWith("connection opened")).findFirst().orElseThrow();
            JsonNode closed = lines.stream()
                    .filter(line -> line.path("message").asText().startsWith("connection closed")).findFirst().orElseThrow();
            assertThat(opened.path("user").asText()).isEqualTo("log-carol");
            assertThat(opened.path("conn").asText()).isNotEmpty();
            assertThat(opened.path("level").asText()).isEqualTo("INFO");
            assertThat(closed.path("conn").asText()).isEqualTo(opened.path("conn").asText());
            assertThat(closed.path("user").asText()).isEqualTo("log-carol");
            assertThat(lines).anySatisfy(line -> assertThat(line.path("reason").asText()).isEqualTo("expired_token"));
            assertThat(gateway.output()).doesNotContain(good).doesNotContain(expired);
        }
    }

    @Test
    void theLevelFollowsTheWatchedFile(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, "logging:\n  level: info\n");
        try (LogCapture capture = LogCapture.start();
             TestGateway gateway = TestGateway.start(Map.of("WSFLEET_CONFIG", config.toString(),
                     "CONFIG_RELOAD_SECONDS", "1"));
             TestClient client = gateway.connect("log-level")) {
            client.join("quiet");
            assertThat(capture.messages()).anySatisfy(message -> assertThat(message).contains("connection opened"));
            assertThat(capture.messages()).noneSatisfy(message -> assertThat(message).contains("joined room"));

            Files.writeString(config, "logging:\n  level: debug\n");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                client.join("loud-" + System.nanoTime());
                assertThat(capture.messages()).anySatisfy(message -> assertThat(message).contains("joined room"));
            });
        }
    }

    private static List<JsonNode> lines(GatewayProcess gateway) throws Exception {
        // The start-up banner is plain text on standard output; log records are the JSON lines.
        return gateway.output().lines().filter(line -> line.startsWith("{")).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not a JSON log line: " + line, e);
            }
        }).toList();
    }
}
