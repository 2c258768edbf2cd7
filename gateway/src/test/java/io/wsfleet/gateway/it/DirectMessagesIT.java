package io.wsfleet.gateway.it;

import static io.wsfleet.gateway.support.TestClient.payload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code chat} reaches every device of the recipient and the sender's other devices. */
class DirectMessagesIT {
    @RegisterExtension
    static final TestGateway gateway = TestGateway.perClass();

    @Test
    void chatReachesAllRecipientDevicesAndTheSendersOtherDevices() {
        try (TestClient alice = gateway.connect("dm-alice");
             TestClient alicePhone = gateway.connect("dm-alice");
             TestClient bobLaptop = gateway.connect("dm-bob");
             TestClient bobPhone = gateway.connect("dm-bob");
             TestClient carol = gateway.connect("dm-carol")) {
            alice.send("chat", payload("to", "dm-bob", "message", "psst"), "c1");
            JsonNode ack = alice.awaitAck("c1");

            for (TestClient device : new TestClient[] {bobLaptop, bobPhone, alicePhone}) {
                JsonNode chat = device.await("chat");
                assertThat(chat.path("from").asText()).isEqualTo("dm-alice");
                assertThat(chat.path("payload").path("to").asText()).isEqualTo("dm-bob");
                assertThat(chat.path("payload").path("message").asText()).isEqualTo("psst");
            }
            for (TestClient device : new TestClient[] {bobLaptop, bobPhone, alicePhone}) {
                assertThat(device.await("chat").path("message_id").asText())
                        .isEqualTo(ack.path("payload").path("server_message_id").asText());
            }
            alice.sync();
            carol.sync();
            assertThat(alice.frames("chat")).isEmpty();
            assertThat(carol.frames("chat")).isEmpty();
        }
    }

    @Test
    void chatToAnOfflineUserIsAckedAndDeliveredNowhere() {
        try (TestClient alice = gateway.connect("dm2-alice");
             TestClient alicePhone = gateway.connect("dm2-alice");
             TestClient carol = gateway.connect("dm2-carol")) {
            carol.join("dm2-room");
            alice.join("dm2-room");
            alice.send("chat", payload("to", "dm2-nobody-online", "message", "hello?"), "c2");
            alice.awaitAck("c2");
            // The sender's other device shows the conversation; nobody else gets the message.
            assertThat(alicePhone.await("chat").path("payload").path("to").asText()).isEqualTo("dm2-nobody-online");

            try (TestClient late = gateway.connect("dm2-nobody-online")) {
                alice.send("chat", payload("to", "dm2-carol", "message", "marker"), "c3");
                carol.await(frame -> TestClient.is(frame, "chat")
                        && frame.path("payload").path("message").asText().equals("marker"));
                late.sync();
                alice.sync();
                assertThat(late.frames("chat")).as("not kept for a later connection").isEmpty();
                assertThat(carol.frames("chat")).as("only the marker reached carol").hasSize(1);
                assertThat(alice.frames("chat")).as("not echoed to the sending connection").isEmpty();
            }
        }
    }
}
