package io.wsfleet.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebSocketMetersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1000, normal", "1001, normal",
            "1005, abnormal", "1006, abnormal",
            "1009, terminal", "4001, terminal",
            "1011, backoff", "1013, backoff", "4100, backoff",
            "1012, now", "4200, now"})
    void aClosedSessionIsCountedUnderTheClassOfItsCode(int code, String closeClass) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WebSocketMeters meters = new WebSocketMeters(registry);

        meters.closed(code);

        assertThat(registry.get("wsfleet.connections.closed").tag("class", closeClass).counter().count()).isEqualTo(1);
        assertThat(registry.get("wsfleet.connections.closed").counters())
                .as("every other class stays at 0").filteredOn(counter -> counter.count() > 0).hasSize(1);
    }
}
