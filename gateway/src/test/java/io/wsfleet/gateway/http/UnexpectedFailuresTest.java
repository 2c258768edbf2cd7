package io.wsfleet.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.helidon.http.NotFoundException;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a client sees when a handler fails unexpectedly: a status and a fixed message, no internals. */
class UnexpectedFailuresTest {
    private static WebServer server;

    @BeforeAll
    static void start() {
        server = WebServer.builder().host("127.0.0.1").port(0).routing(routing -> {
            UnexpectedFailures.register(routing);
            routing.get("/bug", (request, response) -> {
                throw new IllegalStateException("password=hunter2 at /etc/wsfleet/secret");
            });
            routing.get("/gone", (request, response) -> {
                throw new NotFoundException("no such thing under /srv/private/path");
            });
        }).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void aBugIsA500WithoutItsMessage() throws Exception {
        HttpResponse<String> response = get("/bug");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"error\":\"internal\",\"message\":\"internal error\"}");
    }

    @Test
    void anHttpRefusalKeepsItsStatusButNotItsText() throws Exception {
        HttpResponse<String> response = get("/gone");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("request_failed").doesNotContain("/srv/private");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
