package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.wsfleet.gateway.support.RawUpgrade;
import io.wsfleet.gateway.support.TestGateway;
import io.wsfleet.gateway.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cross-site WebSocket hijacking: only allowed (or same-origin) pages may open a socket with a user's token.
 * Origins that follow the watched file are in {@code ConfigReloadIT}.
 */
class OriginIT {

    private static String upgrade(TestGateway gateway, String... headers) throws Exception {
        String[] all = new String[headers.length + 1];
        all[0] = "Authorization: Bearer " + Tokens.forUser("origin-user");
        System.arraycopy(headers, 0, all, 1, headers.length);
        return RawUpgrade.send(gateway.gateway().port(), "/ws", all);
    }

    @ParameterizedTest(name = "Origin {0} -> {1}")
    @CsvSource({
            "https://app.example.com, 101",
            "https://admin.example.com, 101",
            "https://evil.example, 403",
            "http://app.example.com, 403",
            "https://app.example.com:8443, 403"})
    void onlyListedOriginsMayConnect(String origin, int status) throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of(
                "ALLOWED_ORIGINS", "https://app.example.com, https://admin.example.com"))) {
            assertThat(upgrade(gateway, "Origin: " + origin)).startsWith("HTTP/1.1 " + status);
        }
    }

    @Test
    void aRefusalSaysWhichOriginWasRefused() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("ALLOWED_ORIGINS", "https://app.example.com"))) {
            assertThat(upgrade(gateway, "Origin: https://evil.example"))
                    .startsWith("HTTP/1.1 403")
                    .contains("\"error\":\"origin_not_allowed\"")
                    .contains("https://evil.example");
        }
    }

    @Test
    void anExplicitStarAdmitsEveryOrigin() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("ALLOWED_ORIGINS", "*"))) {
            assertThat(upgrade(gateway, "Origin: https://evil.example")).startsWith("HTTP/1.1 101");
            assertThat(upgrade(gateway, "Origin: null")).startsWith("HTTP/1.1 101");
        }
    }

    @Test
    void withoutAListOnlyTheSameOriginMayConnect() throws Exception {
        try (TestGateway gateway = TestGateway.start()) {
            int port = gateway.gateway().port();
            assertThat(upgrade(gateway, "Origin: http://127.0.0.1:" + port)).startsWith("HTTP/1.1 101");
            assertThat(upgrade(gateway, "Origin: http://localhost:" + port)).startsWith("HTTP/1.1 403");
            assertThat(upgrade(gateway, "Origin: https://evil.example")).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void clientsWithoutOriginAreAdmittedUnlessConfiguredOtherwise() throws Exception {
        try (TestGateway lenient = TestGateway.start();
             TestGateway strict = TestGateway.start(Map.of("ALLOW_MISSING_ORIGIN", "false"))) {
            assertThat(upgrade(lenient)).startsWith("HTTP/1.1 101");
            String refused = upgrade(strict);
            assertThat(refused).startsWith("HTTP/1.1 403").contains("\"error\":\"origin_required\"");
            assertThat(upgrade(strict, "Origin: http://127.0.0.1:" + strict.gateway().port())).startsWith("HTTP/1.1 101");
        }
    }
}
