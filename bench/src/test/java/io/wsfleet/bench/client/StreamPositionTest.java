package io.wsfleet.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamPositionTest {

    @Test
    void aRoomMessageCarriesItsPositionAtTheTopLevel() {
        String frame = "{\"type\":\"room_message\",\"payload\":{\"message\":\"@@2|1|3|4|xx\",\"room_id\":\"r3\"},"
                + "\"timestamp\":1796180176037,\"message_id\":\"25dt1l1whg-t\",\"from\":\"system\",\"offset\":14,"
                + "\"epoch\":\"1fkb0zbkaqr74\"}";
        assertThat(StreamPosition.in(frame)).contains(new StreamPosition(14, "1fkb0zbkaqr74"));
    }

    @Test
    void aJoinAckCarriesTheRoomsPositionAndWhetherItRecovered() {
        String ack = "{\"type\":\"ack\",\"payload\":{\"room_id\":\"r3\",\"members\":[\"f1\",\"f2\"],\"recovered\":true,"
                + "\"position\":{\"offset\":64,\"epoch\":\"k3t0\"},\"message_id\":\"join\"},\"timestamp\":1,\"message_id\":\"x\"}";
        assertThat(StreamPosition.in(ack)).contains(new StreamPosition(64, "k3t0"));
        assertThat(WsfleetWire.ack(ack)).isTrue();
        assertThat(WsfleetWire.recovered(ack)).isTrue();
        assertThat(WsfleetWire.recovered(ack.replace("true", "false"))).isFalse();
    }

    @Test
    void aJoinAsksSinceThePositionAndAFrameWithoutOneHasNone() {
        assertThat(new WsfleetWire().joinFrame("r3", new StreamPosition(7, "e1")))
                .isEqualTo("{\"type\":\"join_room\",\"payload\":{\"room_id\":\"r3\",\"since\":{\"offset\":7,\"epoch\":\"e1\"}},"
                        + "\"message_id\":\"join\"}");
        assertThat(StreamPosition.in("{\"type\":\"user_joined\",\"payload\":{\"room_id\":\"r3\"}}")).isEmpty();
    }
}
