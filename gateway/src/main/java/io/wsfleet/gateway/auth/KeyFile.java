package io.wsfleet.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.List;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import javax.crypto.spec.SecretKeySpec;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import io.wsfleet.gateway.config.ConfigException;
import io.wsfleet.gateway.config.GatewayConfig;

/**
 * The verification keys in a file, as a mounted Secret holds them: HS256 shared secrets, one a line (each
 * line's surrounding whitespace dropped, since {@code kubectl create secret --from-file} keeps a trailing
 * newline), or PEM public keys, one block each. Usually one key; two while a rotation lets every pod, also one
 * that starts meanwhile, verify the old and the new key ({@code docs/configuration.md}). Read at start and again
 * whenever {@link KeyFileWatcher} looks.
 *
 * @param configKey the configuration key that named the file, for messages
 */
record KeyFile(String configKey, Path path, GatewayConfig.JwtAlgorithm algorithm) {
    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN [A-Z ]+-----.*?-----END [A-Z ]+-----", Pattern.DOTALL);

    /** The key of the file named by the configuration, if the configuration names one. */
    static Optional<KeyFile> of(GatewayConfig.Auth auth) {
        return auth.jwtSecretFile().map(path -> new KeyFile("auth.jwt-secret-file", path, auth.algorithm()))
                .or(() -> auth.publicKeyPath().map(path -> new KeyFile("auth.public-key-path", path, auth.algorithm())));
    }

    /**
     * The keys the file holds now, in its order, at least one; a {@link ConfigException} naming {@link #configKey}
     * if it holds none or one of them is not a key.
     */
    List<Key> read() {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(configKey, "cannot read '" + path + "': " + e.getMessage());
        }
        List<Key> keys = algorithm == GatewayConfig.JwtAlgorithm.HS256
                ? text.lines().map(String::strip).filter(line -> !line.isEmpty()).map(this::secret).toList()
                : pemBlocks(text).stream().map(this::publicKey).toList();
        if (keys.isEmpty()) {
            throw new ConfigException(configKey, "'" + path + "' holds no key");
        }
        return keys;
    }

    /** The PEM blocks of a text; the whole text when it has none, so that its decoding error is the one reported. */
    private static List<String> pemBlocks(String text) {
        List<String> blocks = PEM_BLOCK.matcher(text).results().map(MatchResult::group).toList();
        return blocks.isEmpty() && !text.isBlank() ? List.of(text) : blocks;
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
