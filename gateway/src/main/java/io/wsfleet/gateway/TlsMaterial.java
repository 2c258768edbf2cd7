package io.wsfleet.gateway;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.tls.Tls;
import io.wsfleet.gateway.config.ConfigException;
import io.wsfleet.gateway.config.GatewayConfig;

/** Loads the PEM certificate chain and private key that serve {@code wss://}. */
final class TlsMaterial {

    private TlsMaterial() {
    }

    static Tls load(GatewayConfig.Tls files) {
        try {
            Keys keys = Keys.builder()
                    .pem(pem -> pem.key(Resource.create(files.keyPath()))
                            .certChain(Resource.create(files.certPath())))
                    .build();
            return Tls.builder()
                    .privateKey(keys.privateKey().orElseThrow(() -> new ConfigException("tls.key-path",
                            "'" + files.keyPath() + "' holds no PEM private key")))
                    .privateKeyCertChain(keys.certChain())
                    .build();
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigException("tls.cert-path", "cannot load the certificate and key: " + e.getMessage());
        }
    }
}
