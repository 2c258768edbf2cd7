package io.wsfleet.bench.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * What the harness asks one gateway on its admin port: whether it is ready, and its connection meters
 * ({@code wsfleet_connections}, {@code wsfleet_connections_opened_total} of {@code /metrics}).
 */
record AdminPort(int port) {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    /** Open connections and connections opened so far. */
    record Meters(int connections, long opened) {
    }

    boolean ready() {
        return get("/health/ready").map(response -> response.statusCode() == 200).orElse(false);
    }

    /** Empty when the gateway does not answer (it stopped, or was killed). */
    Optional<Meters> meters() {
        return get("/metrics").filter(response -> response.statusCode() == 200).map(response -> {
            double connections = -1;
            double opened = -1;
            for (String line : response.body().split("\n")) {
                if (line.startsWith("wsfleet_connections ")) {
                    connections = value(line);
                } else if (line.startsWith("wsfleet_connections_opened_total ")) {
                    opened = value(line);
                }
            }
            if (connections < 0 || opened < 0) {
                throw new IllegalStateException("no connection meters in the gateway's /metrics on port " + port);
            }
            return new Meters((int) connections, (long) opened);
        });
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private Optional<HttpResponse<String>> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(3)).build();
        try {
            return Optional.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
