package io.wsfleet.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory of the Socket.IO peer after a full collection, from its {@code GET /bench/gc}
 * ({@code process.memoryUsage()} once {@code global.gc()} has run): the Node counterpart of {@link JvmHeap}.
 * Its RSS is read from {@code /proc}, as every server's is.
 *
 * @param heapUsedBytes V8's heap in use
 * @param externalBytes memory of JavaScript objects held outside the V8 heap (Buffers, ArrayBuffers among them)
 */
record NodeMemory(long heapUsedBytes, long externalBytes) {

    /** What the node's JavaScript still holds: its heap and the memory its objects own outside it. */
    long liveBytes() {
        return heapUsedBytes + externalBytes;
    }

    static NodeMemory afterGc(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bench/gc"))
                .timeout(Duration.ofSeconds(30)).build();
        // HTTP/1.1 only: the client's default offers an upgrade to h2c, and Socket.IO ends every upgrade not its own
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /bench/gc on port " + port + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot ask the Socket.IO peer on port " + port + " for a GC", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static NodeMemory parse(String json) {
        return new NodeMemory(field(json, "heapUsed"), field(json, "external"));
    }

    private static long field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        if (!value.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return Long.parseLong(value.group(1));
    }
}
