package io.wsfleet.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.Optional;

import javax.crypto.spec.SecretKeySpec;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import io.wsfleet.gateway.config.ConfigException;
import io.wsfleet.gateway.config.GatewayConfig;

/**
 * A verification key in a file, as a mounted Secret holds it: an HS256 shared secret (its text, surrounding
 * whitespace dropped, since {@code kubectl create secret --from-file} keeps a trailing newline) or a PEM
 * public key. Read at start and again whenever {@link KeyFileWatcher} looks.
 *
 * @param configKey the configuration key that named the file, for messages
 */
record KeyFile(String configKey, Path path, GatewayConfig.JwtAlgorithm algorithm) {

    /** The key of the file named by the configuration, if the configuration names one. */
    static Optional<KeyFile> of(GatewayConfig.Auth auth) {
        return auth.jwtSecretFile().map(path -> new KeyFile("auth.jwt-secret-file", path, auth.algorithm()))
                .or(() -> auth.publicKeyPath().map(path -> new KeyFile("auth.public-key-path", path, auth.algorithm())));
    }

    /** The key the file holds now; a {@link ConfigException} naming {@link #configKey} if it holds none. */
    Key read() {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(configKey, "cannot read '" + path + "': " + e.getMessage());
        }
        return algorithm == GatewayConfig.JwtAlgorithm.HS256 ? secret(text.strip()) : publicKey(text);
    }

    private Key secret(String secret) {
        if (secret.length() < GatewayConfig.Auth.MIN_SECRET_LENGTH) {
            // The message names the file, never its content.
            throw new ConfigException(configKey, "'" + path + "' must hold a secret of at least "
                    + GatewayConfig.Auth.MIN_SECRET_LENGTH + " characters, got " + secret.length());
        }
        return hmacKey(secret);
    }

    /** The HS256 key of a shared secret: its UTF-8 bytes. */
    static Key hmacKey(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    private Key publicKey(String pem) {
        try {
            return KeyUtils.decodePublicKey(pem, SignatureAlgorithm.valueOf(algorithm.name()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ConfigException(configKey, "'" + path + "' is not a PEM " + algorithm + " public key: " + e.getMessage());
        }
    }
}
