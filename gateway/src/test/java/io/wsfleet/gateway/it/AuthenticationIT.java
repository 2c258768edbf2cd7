package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import io.wsfleet.gateway.support.LogCapture;
import io.wsfleet.gateway.support.RawUpgrade;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import io.wsfleet.gateway.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tokens are checked before the socket is accepted, whichever way the client sends them. */
class AuthenticationIT {
    @RegisterExtension
    static final TestGateway gateway = TestGateway.perClass();

    @Test
    void acceptsBearerHeader() {
        try (TestClient client = gateway.connectWithToken(Tokens.forUser("alice"))) {
            client.sync();
        }
    }

    @Test
    void acceptsSubprotocolTokenAndSelectsOurProtocolWithoutEchoingTheToken() {
        String token = Tokens.forUser("alice");
        try (TestClient client = TestClient.connect(
                TestClient.builder().subprotocols("wsfleet.v1", "bearer." + token), gateway.wsUri())) {
            assertThat(client.socket().getSubprotocol()).isEqualTo("wsfleet.v1");
            client.sync();
        }
    }

    @Test
    void theTokenScriptMintsTokensTheGatewayAccepts() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "../scripts/token", "scripted-user", "60")
                .redirectErrorStream(true);
        builder.environment().put("JWT_SECRET_KEY", Tokens.SECRET);
        Process mint = builder.start();
        String token = new String(mint.getInputStream().readAllBytes()).trim();
        assertThat(mint.waitFor()).as("scripts/token output: %s", token).isZero();
        try (TestClient client = gateway.connectWithToken(token)) {
            client.join("scripted-room");
        }
    }

    @Test
    void acceptsQueryToken() {
        URI uri = URI.create(gateway.wsUri() + "?token=" + Tokens.forUser("alice"));
        try (TestClient client = TestClient.connect(TestClient.builder(), uri)) {
            client.sync();
        }
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of("malformed", "not-a-jwt", "invalid_token"),
                Arguments.of("expired", Tokens.expired("intruder"), "expired_token"),
                Arguments.of("wrongly signed", Tokens.wrongSecret("intruder"), "invalid_token"),
                Arguments.of("alg none", Tokens.unsigned("intruder"), "invalid_token"));
    }

    @ParameterizedTest(name = "{0} token gets 401 {2}")
    @MethodSource("refusedTokens")
    void refusesBadTokensWith401(String description, String token, String error) throws Exception {
        String response = RawUpgrade.send(gateway.gateway().port(), "/ws?token=" + token);
        assertThat(response).startsWith("HTTP/1.1 401");
        assertThat(response).containsIgnoringCase("WWW-Authenticate: Bearer");
        assertThat(response).contains("\"error\":\"" + error + "\"");
        assertThat(gateway.gateway().node().deviceCount("intruder")).isZero();
    }

    @Test
    void theWebSocketClientSeesTheRefusalAsAHandshakeFailure() {
        HttpResponse<?> response = refusedUpgrade(URI.create(gateway.wsUri() + "?token=" + Tokens.expired("intruder")));
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void refusesMissingTokenWith401AndAJsonReason() throws Exception {
        String response = RawUpgrade.send(gateway.gateway().port(), "/ws");
        assertThat(response).startsWith("HTTP/1.1 401");
        assertThat(response).containsIgnoringCase("WWW-Authenticate: Bearer realm=\"wsfleet\"");
        assertThat(response).contains("{\"error\":\"missing_token\"");
    }

    @Test
    void refusedTokenResponseNamesTheReasonButNotTheToken() throws Exception {
        String token = Tokens.expired("alice");
        String response = RawUpgrade.send(gateway.gateway().port(), "/ws", "Authorization: Bearer " + token);
        assertThat(response).startsWith("HTTP/1.1 401").contains("\"error\":\"expired_token\"");
        assertThat(response).doesNotContain(token);
    }

    @Test
    void tokensForAnotherAudienceOrIssuerAreRefused() throws Exception {
        try (TestGateway strict = TestGateway.start(Map.of("JWT_AUDIENCE", "wsfleet", "JWT_ISSUER", "https://id.example"))) {
            var claims = Tokens.claims("aud-user", java.time.Duration.ofHours(1));
            claims.setIssuer("https://id.example");
            claims.setAudience("another-service");
            String wrongAudience = Tokens.hs256(claims, Tokens.SECRET);
            claims.setAudience("wsfleet");
            String right = Tokens.hs256(claims, Tokens.SECRET);
            claims.setIssuer("https://evil.example");
            String wrongIssuer = Tokens.hs256(claims, Tokens.SECRET);

            assertThat(RawUpgrade.send(strict.gateway().port(), "/ws", "Authorization: Bearer " + wrongAudience))
                    .startsWith("HTTP/1.1 401").contains("invalid_token");
            assertThat(RawUpgrade.send(strict.gateway().port(), "/ws", "Authorization: Bearer " + wrongIssuer))
                    .startsWith("HTTP/1.1 401").contains("invalid_token");
            try (TestClient client = strict.connectWithToken(right)) {
                client.sync();
            }
        }
    }

    @Test
    void plainHttpGetOnTheEndpointAnswers426() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.gateway().port() + "/ws")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(426);
    }

    @Test
    void tokensNeverAppearInLogs() {
        String good = Tokens.forUser("carol");
        String bad = Tokens.expired("carol");
        List<String> messages;
        try (LogCapture capture = LogCapture.at(java.util.logging.Level.ALL)) {
            try (TestClient client = TestClient.connect(TestClient.builder(),
                    URI.create(gateway.wsUri() + "?token=" + good))) {
                client.sync();
            }
            refusedUpgrade(URI.create(gateway.wsUri() + "?token=" + bad));
            messages = capture.messages();
        }
        assertThat(messages).anySatisfy(message -> assertThat(message).contains("user=carol"));
        assertThat(messages).anySatisfy(message -> assertThat(message).contains("expired_token"));
        assertThat(messages).noneSatisfy(message -> assertThat(message).contains(good));
        assertThat(messages).noneSatisfy(message -> assertThat(message).contains(bad));
    }

    /** Attempts an upgrade that must fail, and returns the HTTP response the server gave instead. */
    private static HttpResponse<?> refusedUpgrade(URI uri) {
        Throwable failure = catchThrowable(() -> TestClient.connect(TestClient.builder(), uri));
        assertThat(failure).isInstanceOf(CompletionException.class);
        assertThat(failure.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure.getCause()).getResponse();
    }
}
