package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
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

    @Test
    void aRenewedCertificateIsServedWithoutDroppingOpenConnections(@TempDir Path dir) throws Exception {
        SelfSignedCertificate first = SelfSignedCertificate.create(Files.createDirectory(dir.resolve("first")));
        SelfSignedCertificate renewed = SelfSignedCertificate.create(Files.createDirectory(dir.resolve("renewed")));
        Path cert = Files.copy(first.certPem(), dir.resolve("tls.crt"));
        Path key = Files.copy(first.keyPem(), dir.resolve("tls.key"));
        SSLContext trustsBoth = SelfSignedCertificate.trusting(first.certificate(), renewed.certificate());
        try (TestGateway gateway = TestGateway.start(Map.of("SSL_CERT_PATH", cert.toString(),
                "SSL_KEY_PATH", key.toString(), "TLS_RELOAD_SECONDS", "1"))) {
            int port = gateway.gateway().port();
            assertThat(servedCertificate(trustsBoth, port)).isEqualTo(first.certificate());
            URI wss = URI.create("wss://127.0.0.1:" + port + "/ws");
            var builder = HttpClient.newBuilder().sslContext(trustsBoth).build()
                    .newWebSocketBuilder().header("Authorization", "Bearer " + Tokens.forUser("long-lived"));
            try (TestClient longLived = TestClient.connect(builder, wss)) {
                longLived.sync();

                // cert-manager style: both files replaced on disk.
                Files.copy(renewed.keyPem(), key, StandardCopyOption.REPLACE_EXISTING);
                Files.copy(renewed.certPem(), cert, StandardCopyOption.REPLACE_EXISTING);

                await().atMost(Duration.ofSeconds(15))
                        .until(() -> servedCertificate(trustsBoth, port).equals(renewed.certificate()));
                longLived.sync();
                assertThat(longLived.isClosed()).isFalse();
            }
        }
    }

    /** The certificate a new TLS handshake on the port presents. */
    private static Certificate servedCertificate(SSLContext context, int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return socket.getSession().getPeerCertificates()[0];
        }
    }
}
