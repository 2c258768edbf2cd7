package io.wsfleet.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AsciiBytesTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 7, 10, 1_700_000_000_123L, 999_999_999_999_999_999L})
    void numbersRoundTripThroughTheirDigits(long value) {
        byte[] digits = AsciiBytes.digits(value);

        assertThat(new String(digits, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(value));
        assertThat(AsciiBytes.parseLong(digits, 0, digits.length)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "1a", " 1", "1234567890123456789"})
    void onlyShortRunsOfDigitsAreNumbers(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> AsciiBytes.parseLong(bytes, 0, bytes.length)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void searchesSkipNothingAndStayWithinTheBytesAsked() {
        byte[] bytes = "{\"timestamp\":1,\"p\":\"\u00e9\",\"timestamp\":22}".getBytes(StandardCharsets.UTF_8);

        int last = AsciiBytes.lastIndexOf(bytes, 0, "\"timestamp\":");
        assertThat(AsciiBytes.parseLong(bytes, last + 12, AsciiBytes.digitsEnd(bytes, last + 12))).isEqualTo(22);
        assertThat(AsciiBytes.lastIndexOf(bytes, last + 1, "\"timestamp\":")).isEqualTo(-1);
        assertThat(AsciiBytes.indexOf(bytes, 0, ':')).isEqualTo(12);
        assertThat(AsciiBytes.indexOf(bytes, bytes.length, ':')).isEqualTo(-1);
        assertThat(AsciiBytes.startsWith(bytes, bytes.length - 2, "22}")).isFalse();
    }
}
