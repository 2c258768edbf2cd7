package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.wsfleet.gateway.support.RawUpgrade;
import io.wsfleet.gateway.support.TestGateway;
import io.wsfleet.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Per-IP limits count the real client: X-Forwarded-For only from trusted proxies, or the PROXY
 * protocol source. With one connection per IP allowed, a second connection shows whose address counted.
 */
class ClientAddressIT {
    private static final String AUTH = "Authorization: Bearer " + Tokens.forUser("addressed");

    private static String upgrade(TestGateway gateway, String forwardedFor) throws Exception {
        return RawUpgrade.send(gateway.gateway().port(), "/ws", AUTH, "X-Forwarded-For: " + forwardedFor);
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddressWithXForwardedFor() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("CONNECTION_RATE_LIMIT", "1"))) {
            assertThat(upgrade(gateway, "198.51.100.1")).startsWith("HTTP/1.1 101");
            // A different spoofed address does not help: both count against 127.0.0.1.
            assertThat(upgrade(gateway, "198.51.100.2")).startsWith("HTTP/1.1 429");
        }
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedForwardedAddressCounts() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("CONNECTION_RATE_LIMIT", "1",
                "TRUSTED_PROXIES", "127.0.0.0/8, 10.0.0.0/8"))) {
            assertThat(upgrade(gateway, "198.51.100.1")).startsWith("HTTP/1.1 101");
            assertThat(upgrade(gateway, "198.51.100.2")).startsWith("HTTP/1.1 101");
            // A client-supplied first hop is ignored: the proxy chain says the client is 198.51.100.1.
            assertThat(upgrade(gateway, "203.0.113.9, 198.51.100.1, 10.1.2.3")).startsWith("HTTP/1.1 429");
        }
    }

    @Test
    void withTheProxyProtocolItsSourceAddressCounts() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("CONNECTION_RATE_LIMIT", "1", "PROXY_PROTOCOL", "true"))) {
            int port = gateway.gateway().port();
            assertThat(RawUpgrade.sendAfter(proxyLine("198.51.100.7", port), port, "/ws", AUTH))
                    .startsWith("HTTP/1.1 101");
            assertThat(RawUpgrade.sendAfter(proxyLine("198.51.100.8", port), port, "/ws", AUTH))
                    .startsWith("HTTP/1.1 101");
            assertThat(RawUpgrade.sendAfter(proxyLine("198.51.100.7", port), port, "/ws", AUTH))
                    .startsWith("HTTP/1.1 429");
        }
    }

    private static String proxyLine(String source, int port) {
        return "PROXY TCP4 " + source + " 127.0.0.1 40000 " + port + "\r\n";
    }
}
