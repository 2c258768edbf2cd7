package io.wsfleet.images;

import static io.wsfleet.images.support.Podman.podman;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wsfleet.images.support.BuiltImages;
import io.wsfleet.images.support.Http;
import io.wsfleet.images.support.Podman;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operator image as the chart runs it (read-only root, uid 10001, no capabilities), with no API server
 * to reach: from the first answer on, its probes and metrics answer at once for the whole start-up, while
 * JOSDK waits for informers that cannot sync.
 */
class OperatorImageIT {

    /**
     * The server answers within 300 ms, inside the kubelet's default probe timeout (1 s, which the chart's
     * probes keep); this limit leaves the client slack on a loaded test machine. Blocked probes would wait
     * for as long as the informers do, about 20 s.
     */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    /** Most of the informers' first attempts to reach an API server that is not there (about 20 s from the start). */
    private static final Duration WATCHED = Duration.ofSeconds(15);

    private final String container = Podman.uniqueName("operator");

    @AfterEach
    void removeContainer() {
        Podman.cleanUp("rm", "-f", "-t", "0", container);
    }

    @Test
    void probesAnswerWithinTheirTimeoutThroughoutAStartWithoutAnApiServer() throws Exception {
        podman("run", "-d", "--name", container, "--read-only", "--tmpfs", "/tmp",
                "--cap-drop", "ALL", "--security-opt", "no-new-privileges", BuiltImages.get().operator());
        String base = "http://" + Podman.address(container) + ":8081";

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> Http.get(base + "/metrics", PROBE_TIMEOUT).status() == 200);
        long until = System.nanoTime() + WATCHED.toNanos();
        int rounds = 0;
        while (System.nanoTime() < until) {
            assertThat(Http.get(base + "/readyz", PROBE_TIMEOUT)).hasToString("503 {\"status\":\"DOWN\"}");
            assertThat(Http.get(base + "/healthz", PROBE_TIMEOUT)).hasToString("503 {\"status\":\"DOWN\"}");
            assertThat(Http.get(base + "/metrics", PROBE_TIMEOUT).body()).contains("jvm_memory_used_bytes");
            rounds++;
        }
        assertThat(Podman.logs(container)).as("the start-up waited for the API server meanwhile")
                .contains("Starting 'websocketcluster' controller");
        System.out.printf("operator probes: %d rounds of /readyz, /healthz and /metrics in %s%n", rounds, WATCHED);
    }
}
