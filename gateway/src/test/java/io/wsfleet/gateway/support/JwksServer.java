package io.wsfleet.gateway.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An identity provider's JSON Web Key Set endpoint on a random loopback port: serves the public halves
 * of the RSA keys published so far (more can be published while it runs, as in a key rotation) and
 * counts how often the set was fetched. As a test's {@code @RegisterExtension} field, it is stopped
 * after the test.
 */
public final class JwksServer implements AutoCloseable, AfterEachCallback {
    private static final String PATH = "/.well-known/jwks.json";

    private final HttpServer server;
    private final List<JsonWebKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();
    /** While set, served instead of the key set: what a misconfigured proxy in front of the provider answers. */
    private volatile String page;

    private JwksServer(HttpServer server) {
        this.server = server;
        server.createContext(PATH, this::serve);
        server.start();
    }

    public static JwksServer start() {
        return startOn(0);
    }

    /** On a given port: a test that first saw the port closed brings the endpoint up there. */
    public static JwksServer startOn(int port) {
        try {
            return new JwksServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback port nothing listens on (it was free a moment ago). */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the set is served, on a port that is closed or taken by a running server. */
    public static URI uri(int port) {
        return URI.create("http://127.0.0.1:" + port + PATH);
    }

    public URI uri() {
        return uri(server.getAddress().getPort());
    }

    /** A new 2048-bit RSA key with the given {@code kid}, not published. */
    public static RsaJsonWebKey newKey(String keyId) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(keyId);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Generates a key and adds it to the served set. */
    public RsaJsonWebKey publish(String keyId) {
        return publish(newKey(keyId));
    }

    /** Adds a key to the served set. */
    public RsaJsonWebKey publish(RsaJsonWebKey key) {
        published.add(key);
        return key;
    }

    /**
     * While it has no set, the gateway fetches for a token at most every 250 ms; waiting longer makes the
     * next token's fetch a real one, as it is between tokens that arrive seconds apart.
     */
    public static void waitOutTheRefetchReprieve() {
        try {
            Thread.sleep(400);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** From now on answers {@code 200} with an HTML page instead of the set. */
    public void answerWithHtmlPage() {
        page = "<!doctype html><html><body><h1>Sign in to continue</h1></body></html>";
    }

    /** From now on answers with the key set again. */
    public void answerWithKeySet() {
        page = null;
    }

    /** How many times the set has been fetched. */
    public int fetches() {
        return fetches.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        fetches.incrementAndGet();
        String html = page;
        String text = html != null ? html
                : new JsonWebKeySet(published).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", html != null ? "text/html" : "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
