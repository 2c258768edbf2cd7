package io.wsfleet.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WsfleetWireTest {
    @Test
    void anErrorFramesCodeIsRead() {
        String refused = "{\"type\":\"error\",\"payload\":{\"code\":\"unavailable\",\"message\":\"cluster state is unavailable;"
                + " try again\",\"message_id\":\"join\"},\"timestamp\":1796351897236,\"message_id\":\"17m7leqdbh-4\"}";

        assertThat(WsfleetWire.errorCode(refused)).contains("unavailable");
    }

    @Test
    void otherFramesHaveNoErrorCode() {
        String ack = "{\"type\":\"ack\",\"payload\":{\"room_id\":\"r\",\"members\":[\"code\"],\"message_id\":\"join\"}}";
        String message = "{\"type\":\"room_message\",\"payload\":{\"room_id\":\"r\",\"message\":\"\\\"code\\\":\\\"x\\\"\"}}";

        assertThat(WsfleetWire.errorCode(ack)).isEmpty();
        assertThat(WsfleetWire.errorCode(message)).isEmpty();
    }
}
