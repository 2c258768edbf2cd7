package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;

/** The example chat page and the SDK files, on the public port of development gateways only. */
class ChatExampleIT {

    @Test
    void aDevelopmentGatewayServesThePageAndTheSdk() {
        try (TestGateway gateway = TestGateway.start(Map.of("ENVIRONMENT", "development"))) {
            HttpResponse<String> page = get(gateway, "/chat/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.body()).contains("<title>wsfleet chat</title>");

            HttpResponse<String> sdk = get(gateway, "/chat/sdk/index.js");
            assertThat(sdk.statusCode()).isEqualTo(200);
            assertThat(sdk.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
            assertThat(sdk.body()).contains("export { WsfleetClient");

            assertThat(get(gateway, "/chat").headers().firstValue("Location")).hasValue("/chat/");
            assertThat(get(gateway, "/chat/missing.js").statusCode()).isEqualTo(404);
            assertThat(get(gateway, "/chat/%2e%2e/application.yaml").statusCode()).isEqualTo(404);
            assertThat(get(gateway, "/chat/../application.yaml").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void tokensAreSignedOnlyWithTheGeneratedDevelopmentSecret() throws Exception {
        try (TestGateway generated = TestGateway.start(Map.of("ENVIRONMENT", "development", "JWT_SECRET_KEY", ""));
             TestGateway configured = TestGateway.start(Map.of("ENVIRONMENT", "development"))) {
            HttpResponse<String> minted = get(generated, "/chat/token?user=zoe");
            assertThat(minted.statusCode()).isEqualTo(200);
            String token = new ObjectMapper().readTree(minted.body()).path("token").asText();
            try (TestClient zoe = generated.connectWithToken(token)) {
                assertThat(zoe.join("lobby").path("payload").path("members").get(0).asText()).isEqualTo("zoe");
            }
            assertThat(get(generated, "/chat/token").statusCode()).isEqualTo(400);

            HttpResponse<String> refused = get(configured, "/chat/token?user=zoe");
            assertThat(refused.statusCode()).isEqualTo(404);
            assertThat(refused.body()).contains("no_development_secret");
        }
    }

    @Test
    void aProductionGatewayServesNoPage() {
        try (TestGateway gateway = TestGateway.start()) {
            assertThat(get(gateway, "/chat/").statusCode()).isEqualTo(404);
            assertThat(get(gateway, "/chat/sdk/index.js").statusCode()).isEqualTo(404);
        }
    }

    private static HttpResponse<String> get(TestGateway gateway, String path) {
        URI uri = URI.create("http://127.0.0.1:" + gateway.gateway().port() + path);
        return gateway.send(HttpRequest.newBuilder(uri).GET().build());
    }
}
