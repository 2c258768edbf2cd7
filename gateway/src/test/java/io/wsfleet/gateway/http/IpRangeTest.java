package io.wsfleet.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsfleet.gateway.support.LookupCounter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "10.0.0.0/8, 10.255.1.2, true",
            "10.0.0.0/8, 11.0.0.1, false",
            "192.168.1.0/25, 192.168.1.127, true",
            "192.168.1.0/25, 192.168.1.128, false",
            "127.0.0.1, 127.0.0.1, true",
            "127.0.0.1, 127.0.0.2, false",
            "0.0.0.0/0, 8.8.8.8, true",
            "fd00::/8, fd12:3456::1, true",
            "fd00::/8, fe80::1, false",
            "10.0.0.0/8, fd00::1, false",
            "10.0.0.0/8, not-an-ip, false",
            "10.0.0.0/8, example.com, false"})
    void matchesAddressesByPrefix(String range, String address, boolean expected) {
        assertThat(IpRange.parse(range).contains(address)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "10.0.0.0/33", "10.0.0.0/-1", "::1/129", ""})
    void refusesWhatIsNotAnAddressOrBlock(String text) {
        assertThatThrownBy(() -> IpRange.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Found by ClientAddressFuzzTest: hex digits and dots passed the literal check and were looked up in DNS. */
    @ParameterizedTest
    @ValueSource(strings = {"cafe", "beef.dead", "1.2.3.4.5", "1.2.3", "256.0.0.1", "12345", ".13129.59f:10.0.0.1"})
    void aNameMadeOfHexDigitsIsNoAddressAndIsNeverLookedUp(String text) {
        int lookups = LookupCounter.onThisThread();

        assertThat(IpRange.parse("0.0.0.0/0").contains(text)).isFalse();
        assertThatThrownBy(() -> IpRange.parse(text)).isInstanceOf(IllegalArgumentException.class);
        assertThat(LookupCounter.onThisThread()).as("DNS lookups").isEqualTo(lookups);
    }
}
