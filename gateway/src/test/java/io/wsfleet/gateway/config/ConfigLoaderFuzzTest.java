package io.wsfleet.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsfleet.gateway.support.FuzzFiles;
import io.wsfleet.gateway.support.FuzzInvariant;

/**
 * The configuration file named by {@code WSFLEET_CONFIG} (YAML, as a mounted ConfigMap holds it): it
 * loads, or is refused with the gateway's {@link ConfigException}, which names the key at fault.
 */
class ConfigLoaderFuzzTest {
    private static final Path FILE = FuzzFiles.temporary("wsfleet-config");

    @DictionaryEntries({"environment: development", "server:", "  port: ", "auth:", "  jwt-secret: ", "session:",
            "  ping-interval-seconds: ", "  idle-timeout-seconds: ", "limits:", "  messages-per-minute: ", "clients:",
            "  trusted-proxies: ", "redis:", "  url: ", "tls:", "  cert-path: ", "rooms:", "  unknown: ", "origins:",
            "  allowed: ", "logging:", "  level: ", "  - ", ": [", ": {", "2147483648", "-1", "0x1F",
            "&a ", "*a", "!!binary ", "~", "rediss://", "/etc/hostname"})
    @FuzzTest
    void aFileLoadsOrIsRefusedWithAConfigException(byte[] input) throws IOException {
        Files.write(FILE, input);
        FuzzInvariant.check(input.length,
                () -> ConfigLoader.load(Map.of(ConfigLoader.CONFIG_FILE_VARIABLE, FILE.toString())),
                ConfigException.class);
    }
}
