package io.wsfleet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsfleet.bench.measure.Marker;
import org.junit.jupiter.api.Test;

class MarkerTest {

    @Test
    void aMarkerIsFoundInsideAnyServersFrame() {
        Marker marker = new Marker(3, 123_456_789_012L, 42, 7);
        String text = marker.encode(100);
        assertThat(text).hasSize(100);
        assertThat(Marker.find("{\"type\":\"room_message\",\"payload\":{\"room_id\":\"r42\",\"message\":\"" + text + "\"}}"))
                .isEqualTo(marker);
        assertThat(Marker.find("42[\"message\",{\"room\":\"r42\",\"message\":\"" + text + "\"}]")).isEqualTo(marker);
        assertThat(Marker.find(text)).isEqualTo(marker);
    }

    @Test
    void framesWithoutAMarkerOrWithABrokenOneAreNotDeliveries() {
        assertThat(Marker.find("{\"type\":\"user_joined\",\"payload\":{\"room_id\":\"r1\"}}")).isNull();
        assertThat(Marker.find("@@3|12|x")).isNull();
    }
}
