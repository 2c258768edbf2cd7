package io.wsfleet.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The SDK asks again after exactly the refusals {@link ErrorCode} calls retryable. */
class RetryableErrorCodesTest {
    private static final Path SDK = Path.of("..", "clients", "js", "src", "server-error.js");
    private static final Pattern RETRYABLE = Pattern.compile("const RETRYABLE = new Set\\(\\[([^]]*)]\\)");

    @Test
    void theSdksRetryableSetIsTheServersRetryableCodes() throws IOException {
        Matcher set = RETRYABLE.matcher(Files.readString(SDK));
        assertThat(set.find()).as("server-error.js defines RETRYABLE").isTrue();
        Set<String> sdk = Arrays.stream(set.group(1).split(","))
                .map(entry -> entry.trim().replace("\"", ""))
                .filter(entry -> !entry.isEmpty())
                .collect(Collectors.toSet());
        Set<String> server = Arrays.stream(ErrorCode.values()).filter(ErrorCode::retryable)
                .map(ErrorCode::wireName).collect(Collectors.toSet());
        assertThat(sdk).isEqualTo(server);
    }

    @Test
    void aCodeIsFoundByItsWireName() {
        assertThat(ErrorCode.ofWire("unavailable")).contains(ErrorCode.UNAVAILABLE);
        assertThat(ErrorCode.ofWire("no_such_code")).isEmpty();
    }
}
