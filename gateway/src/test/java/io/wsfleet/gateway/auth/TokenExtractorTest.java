package io.wsfleet.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import io.wsfleet.gateway.auth.TokenExtractor.Extracted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenExtractorTest {

    @Test
    void authorizationHeaderWinsOverSubprotocolAndQuery() {
        assertThat(extract("Bearer from-header", "wsfleet.v1, bearer.from-protocol", "from-query"))
                .contains(new Extracted("from-header", TokenTransport.AUTHORIZATION_HEADER));
    }

    @Test
    void subprotocolWinsOverQuery() {
        assertThat(extract(null, "wsfleet.v1, bearer.from-protocol", "from-query"))
                .contains(new Extracted("from-protocol", TokenTransport.SUBPROTOCOL));
    }

    @Test
    void queryIsUsedLast() {
        assertThat(extract(null, "wsfleet.v1", "from-query"))
                .contains(new Extracted("from-query", TokenTransport.QUERY));
    }

    @Test
    void nothingOfferedExtractsNothing() {
        assertThat(extract(null, null, null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer tok.en", "bearer tok.en", "BEARER tok.en", "bEaReR tok.en", "Bearer   tok.en  "})
    void bearerSchemeIsCaseInsensitiveAndTrimmed(String authorization) {
        assertThat(extract(authorization, null, null))
                .contains(new Extracted("tok.en", TokenTransport.AUTHORIZATION_HEADER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer    ", "Bearertok.en", "", "tok.en"})
    void authorizationWithoutABearerTokenFallsThrough(String authorization) {
        assertThat(extract(authorization, "bearer.from-protocol", "from-query"))
                .contains(new Extracted("from-protocol", TokenTransport.SUBPROTOCOL));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bearer.tok",
            "wsfleet.v1,bearer.tok",
            "wsfleet.v1, bearer.tok",
            "  wsfleet.v1 ,   bearer.tok  , other",
            "bearer., wsfleet.v1, bearer.tok",
            ",,bearer.tok,,"
    })
    void tokenIsFoundAmongSeveralProtocolEntries(String protocolHeader) {
        assertThat(extract(null, protocolHeader, null)).contains(new Extracted("tok", TokenTransport.SUBPROTOCOL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "wsfleet.v1", "bearer.", "wsfleet.v1, bearer. ", "xbearer.tok", "bearer"})
    void protocolHeaderWithoutATokenFallsThroughToQuery(String protocolHeader) {
        assertThat(extract(null, protocolHeader, "from-query"))
                .contains(new Extracted("from-query", TokenTransport.QUERY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   "})
    void blankQueryTokenIsIgnored(String query) {
        assertThat(extract(null, null, query)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "wsfleet.v1 | true",
            "bearer.tok, wsfleet.v1 | true",
            "  wsfleet.v1  ,other | true",
            "wsfleet.v2 | false",
            "wsfleet.v1x | false",
            "bearer.wsfleet.v1 | false",
            "'' | false"
    })
    void offersSubprotocolOnlyForTheExactEntry(String protocolHeader, boolean offered) {
        assertThat(TokenExtractor.offersSubprotocol(Optional.of(protocolHeader))).isEqualTo(offered);
    }

    @Test
    void noProtocolHeaderOffersNoSubprotocol() {
        assertThat(TokenExtractor.offersSubprotocol(Optional.empty())).isFalse();
    }

    private static Optional<Extracted> extract(String authorization, String protocolHeader, String query) {
        return TokenExtractor.extract(Optional.ofNullable(authorization), Optional.ofNullable(protocolHeader),
                Optional.ofNullable(query));
    }
}
