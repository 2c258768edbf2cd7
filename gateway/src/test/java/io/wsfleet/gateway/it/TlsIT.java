package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;

import io.wsfleet.gateway.support.SelfSignedCertificate;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import io.wsfleet.gateway.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With SSL_CERT_PATH and SSL_KEY_PATH the public port serves wss://. */
class TlsIT {

    @Test
    void servesWssWithThePemCertificate(@TempDir Path dir) throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(dir);
        try (TestGateway gateway = TestGateway.start(Map.of(
                "SSL_CERT_PATH", certificate.certPem().toString(),
                "SSL_KEY_PATH", certificate.keyPem().toString()))) {
            URI wss = URI.create("wss://127.0.0.1:" + gateway.gateway().port() + "/ws");
            var builder = HttpClient.newBuilder().sslContext(certificate.clientContext()).build()
                    .newWebSocketBuilder().header("Authorization", "Bearer " + Tokens.forUser("tls-user"));
            try (TestClient client = TestClient.connect(builder, wss)) {
                client.join("secure-room");
                client.sync();
            }
            assertThat(gateway.gateway().secure()).isTrue();
        }
    }
}
