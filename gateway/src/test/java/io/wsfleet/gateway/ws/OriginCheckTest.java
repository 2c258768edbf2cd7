package io.wsfleet.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;

import io.wsfleet.gateway.config.GatewayConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginCheckTest {
    private static final GatewayConfig.Origins SAME_ORIGIN = new GatewayConfig.Origins(Set.of(), false, true);

    @ParameterizedTest(name = "Origin {0}, Host {1} -> same origin {2}")
    @CsvSource({
            "http://gw.example.com, gw.example.com, true",
            "http://gw.example.com, gw.example.com:80, true",
            "https://gw.example.com, gw.example.com:443, true",
            "https://GW.Example.com, gw.example.com, true",
            "http://[::1]:8080, [::1]:8080, true",
            "https://gw.example.com, gw.example.com:80, false",
            "http://gw.example.com:8080, gw.example.com, false",
            "http://other.example.com, gw.example.com, false",
            "null, gw.example.com, false",
            "not a uri, gw.example.com, false"})
    void withoutAListOnlyTheRequestsOwnHostAndPortAreAdmitted(String origin, String host, boolean admitted) {
        assertThat(OriginCheck.refusal(SAME_ORIGIN, Optional.of(origin), Optional.of(host)).isEmpty()).isEqualTo(admitted);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"https://app.example.com, true", "https://app.example.com:443, false", "http://gw.example.com, false"})
    void aListAdmitsExactlyItsOriginsEvenTheGatewaysOwnNot(String origin, boolean admitted) {
        var listed = new GatewayConfig.Origins(Set.of("https://app.example.com"), false, true);
        assertThat(OriginCheck.refusal(listed, Optional.of(origin), Optional.of("gw.example.com")).isEmpty())
                .isEqualTo(admitted);
    }

    @ParameterizedTest(name = "allow missing {0}")
    @CsvSource({"true, ", "false, origin_required"})
    void aMissingOriginFollowsItsSetting(boolean allowMissing, String code) {
        var origins = new GatewayConfig.Origins(Set.of(), true, allowMissing);
        assertThat(OriginCheck.refusal(origins, Optional.empty(), Optional.of("gw.example.com"))
                .map(OriginCheck.Refusal::code).orElse(null)).isEqualTo(code);
    }
}
