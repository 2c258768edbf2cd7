package io.wsfleet.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsfleet.gateway.support.FuzzInvariant;

/**
 * Token extraction from an upgrade request's {@code Authorization} header, {@code Sec-WebSocket-Protocol}
 * header and {@code token} query parameter. An input is up to three lines, in that order; missing lines
 * are absent headers. Extraction never throws (no token is a refusal the caller answers with 401), and a
 * token it finds is non-empty and really is in the source it names.
 */
class TokenExtractorFuzzTest {

    @DictionaryEntries({"Bearer ", "bearer ", "bearer.", "wsfleet.v1", ", "})
    @FuzzTest
    void aTokenIsFoundInTheSourceItNamesOrNotAtAll(byte[] input) {
        List<String> lines = Arrays.asList(new String(input, StandardCharsets.UTF_8).split("\n", 3));
        Optional<String> authorization = line(lines, 0);
        Optional<String> protocols = line(lines, 1);
        Optional<String> query = line(lines, 2);
        AtomicReference<Optional<TokenExtractor.Extracted>> result = new AtomicReference<>();
        FuzzInvariant.check(input.length, () -> {
            result.set(TokenExtractor.extract(authorization, protocols, query));
            TokenExtractor.offersSubprotocol(protocols);
        });
        result.get().ifPresent(extracted -> {
            assertThat(extracted.token()).isNotBlank();
            switch (extracted.transport()) {
                case AUTHORIZATION_HEADER -> assertThat(authorization.orElseThrow().substring(7).trim())
                        .isEqualTo(extracted.token());
                case SUBPROTOCOL -> assertThat(protocols.orElseThrow().split(",")).extracting(String::trim)
                        .contains(TokenExtractor.BEARER_PROTOCOL_PREFIX + extracted.token());
                case QUERY -> assertThat(query).contains(extracted.token());
            }
        });
    }

    private static Optional<String> line(List<String> lines, int index) {
        return index < lines.size() ? Optional.of(lines.get(index)) : Optional.empty();
    }
}
