package io.wsfleet.images;

import static io.wsfleet.images.support.Podman.podman;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsfleet.images.support.BuiltImages;
import io.wsfleet.images.support.Client;
import io.wsfleet.images.support.Http;
import io.wsfleet.images.support.Podman;
import io.wsfleet.images.support.Tokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway image as a locked-down pod runs it: read-only root, uid 10001, no capabilities, a writable /tmp. */
class GatewayImageIT {

    private final String container = Podman.uniqueName("gateway");

    @AfterEach
    void removeContainer() {
        Podman.cleanUp("rm", "-f", "-t", "0", container);
    }

    @Test
    void startsLockedDownServesReadinessAndEchoesARoomMessage() {
        String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
        podman("run", "-d", "--name", container, "--read-only", "--tmpfs", "/tmp",
                "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "-e", "JWT_SECRET_KEY=" + secret,
                BuiltImages.get().gateway());
        String host = Podman.address(container);

        await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .untilAsserted(() -> assertThat(Http.get("http://" + host + ":9090/health/ready", Duration.ofSeconds(2)))
                        .hasToString("200 {\"status\":\"UP\"}"));
        assertThat(podman("exec", container, "cat", "/proc/1/status"))
                .contains("Uid:\t10001\t10001\t10001\t10001").contains("CapEff:\t0000000000000000")
                .contains("CapBnd:\t0000000000000000");
        assertThat(podman("inspect", "-f", "{{.HostConfig.ReadonlyRootfs}}", container)).isEqualTo("true");

        try (Client alice = Client.connect(host, Tokens.hs256(secret, "alice"))) {
            alice.join("lobby", "j1");
            alice.say("lobby", "hello from a container", "m1");
            JsonNode echo = alice.awaitFrame(frame -> frame.path("type").asText().equals("room_message"));
            assertThat(echo.path("from").asText()).isEqualTo("alice");
            assertThat(echo.path("payload").path("message").asText()).isEqualTo("hello from a container");
        }
    }
}
