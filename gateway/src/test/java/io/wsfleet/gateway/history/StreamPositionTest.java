package io.wsfleet.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class StreamPositionTest {

    @Test
    void anEpochIsOneToSixtyFourLowerCaseLettersOrDigits() {
        assertThat(StreamPosition.validEpoch("0")).isTrue();
        assertThat(StreamPosition.validEpoch("3k9az")).isTrue();
        assertThat(StreamPosition.validEpoch("z".repeat(StreamPosition.MAX_EPOCH_LENGTH))).isTrue();

        assertThat(StreamPosition.validEpoch(null)).isFalse();
        assertThat(StreamPosition.validEpoch("")).isFalse();
        assertThat(StreamPosition.validEpoch("a".repeat(StreamPosition.MAX_EPOCH_LENGTH + 1))).isFalse();
        // Spliced into frames as a JSON string: nothing that would need escaping or change its meaning.
        for (String forged : new String[]{"Abc", "ab\"c", "a\\b", "a b", "a-b", "a:b", "é", "a\u0000", "{"}) {
            assertThat(StreamPosition.validEpoch(forged)).as(forged).isFalse();
        }
    }

    @Test
    void aPositionRefusesANegativeOffsetOrAnInvalidEpoch() {
        assertThatIllegalArgumentException().isThrownBy(() -> new StreamPosition(-1, "abc"));
        assertThatIllegalArgumentException().isThrownBy(() -> new StreamPosition(1, "a\"b"));
        assertThat(new StreamPosition(0, "abc").offset()).isZero();
    }

    @Test
    void freshEpochsAreValidAndDiffer() {
        String first = StreamPosition.newEpoch();
        assertThat(StreamPosition.validEpoch(first)).isTrue();
        assertThat(StreamPosition.newEpoch()).isNotEqualTo(first);
    }
}
