package io.wsfleet.operator.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A real Prometheus (Debian's {@code prometheus} package; scripts/test installs it) started on a random loopback port
 * with the test's own configuration and storage, and its HTTP query API.
 */
public final class PrometheusServer implements AutoCloseable {

    /** One element of an instant query's answer: its labels and its value. */
    public record Sample(Map<String, String> labels, double value) {
    }

    private final Process process;
    private final URI address;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(Process process, URI address) {
        this.process = process;
        this.address = address;
    }

    /** Starts Prometheus with this configuration (prometheus.yml) in {@code work}, and waits until it is ready. */
    public static PrometheusServer start(String configuration, Path work) throws IOException {
        Path config = Files.writeString(work.resolve("prometheus.yml"), configuration);
        int port = freePort();
        Process process = new ProcessBuilder(binary().toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port));
        try {
            Awaitility.await("Prometheus ready (log: " + work.resolve("prometheus.log") + ")").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> server.get("/-/ready").statusCode() == 200);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** An instant query through /api/v1/query: the vector's elements (an answer of another type fails). */
    public List<Sample> query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode answer = new KubernetesSerialization().unmarshal(response.body(), JsonNode.class);
        if (response.statusCode() != 200 || !"vector".equals(answer.at("/data/resultType").asText())) {
            throw new IllegalStateException("query " + promql + " answered " + response.statusCode() + ": " + response.body());
        }
        return answer.at("/data/result").valueStream().map(element -> {
            Map<String, String> labels = new LinkedHashMap<>();
            element.get("metric").properties().forEach(label -> labels.put(label.getKey(), label.getValue().asText()));
            return new Sample(labels, Double.parseDouble(element.at("/value/1").asText()));
        }).toList();
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(address.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path binary() {
        Optional<Path> found = Stream.of(System.getenv("PATH").split(":")).map(folder -> Path.of(folder, "prometheus"))
                .filter(Files::isExecutable).findFirst();
        return found.orElseThrow(() -> new IllegalStateException(
                "no prometheus on the PATH: install Debian's package (apt-get install prometheus), as scripts/test does"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
