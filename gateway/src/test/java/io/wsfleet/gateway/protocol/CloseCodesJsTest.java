package io.wsfleet.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The SDK's close-code table is the one {@link CloseCode} defines. Run with
 * {@code -Dwsfleet.close-codes.update=true} (scripts/generate-close-codes) to rewrite it after changing
 * {@link CloseCode}.
 */
class CloseCodesJsTest {
    private static final Path COMMITTED = Path.of("..", "clients", "js", "src", "close-codes.js");

    @Test
    void theSdksTableIsGeneratedFromTheServersCloseCodes() throws IOException {
        String generated = CloseCodesJs.render();
        if (Boolean.getBoolean("wsfleet.close-codes.update")) {
            Files.writeString(COMMITTED, generated);
        }
        assertThat(COMMITTED).as("clients/js/src/close-codes.js is stale: run scripts/generate-close-codes")
                .hasContent(generated);
    }
}
