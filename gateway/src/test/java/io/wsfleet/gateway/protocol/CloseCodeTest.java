package io.wsfleet.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CloseCodeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // application ranges, both ends and the middle
            "4000, TERMINAL", "4050, TERMINAL", "4099, TERMINAL",
            "4100, BACKOFF", "4150, BACKOFF", "4199, BACKOFF",
            "4200, NOW", "4250, NOW", "4299, NOW",
            // outside the three ranges
            "4300, BACKOFF", "4999, BACKOFF",
            // standard codes: going away / restart reconnect now
            "1001, NOW", "1012, NOW",
            // protocol, data and policy errors would fail again
            "1002, TERMINAL", "1003, TERMINAL", "1007, TERMINAL", "1008, TERMINAL", "1009, TERMINAL", "1010, TERMINAL",
            // everything else backs off: normal closure, no status, abnormal, transient and unknown codes
            "1000, BACKOFF", "1005, BACKOFF", "1006, BACKOFF", "1011, BACKOFF", "1013, BACKOFF", "1014, BACKOFF",
            "1015, BACKOFF", "3000, BACKOFF", "3999, BACKOFF"
    })
    void classifiesCloseCodes(int code, ReconnectClass expected) {
        assertThat(CloseCode.classify(code)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(CloseCode.class)
    void everyConstantIsClassifiedAsItsOwnReconnectClass(CloseCode closeCode) {
        assertThat(CloseCode.classify(closeCode.code())).isEqualTo(closeCode.reconnectClass());
    }

    @ParameterizedTest
    @EnumSource(CloseCode.class)
    void everyConstantHasAReasonThatFitsACloseFrame(CloseCode closeCode) {
        // A close frame's payload is 125 bytes: 2 for the code, at most 123 for the reason.
        assertThat(closeCode.reason()).isNotBlank();
        assertThat(closeCode.reason().getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(123);
    }
}
