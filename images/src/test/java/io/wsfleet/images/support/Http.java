package io.wsfleet.images.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GET requests as probes and scrapers make them, each with a timeout. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public record Answer(int status, String body) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private Http() {
    }

    /** The answer; throws (HttpTimeoutException, ConnectException) when none comes within the timeout. */
    public static Answer get(String url, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }
}
