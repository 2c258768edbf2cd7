package io.wsfleet.gateway.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.wsfleet.gateway.broker.Publication;
import io.wsfleet.gateway.history.StreamPosition;
import io.wsfleet.gateway.protocol.MessageType;
import io.wsfleet.gateway.protocol.OutboundFrame;
import io.wsfleet.gateway.protocol.TextFrameBytes;
import org.junit.jupiter.api.Test;

/** A publication crosses Redis as bytes and comes out with its exclusion and the frame's exact bytes. */
class PublicationCodecTest {
    private static final String FRAME = "{\"type\":\"typing\",\"payload\":{\"room_id\":\"\u00e9t\u00e9\",\"text\":\"\ud83d\ude00\"},"
            + "\"timestamp\":5,\"from\":\"\u00fcn\u00ef\"}";

    @Test
    void everyExclusionRoundTripsWithIdsOfAnyCharacters() {
        for (Publication.Exclusion exclusion : List.of(Publication.Exclusion.NONE,
                new Publication.Exclusion.Connection("c-1:2"), new Publication.Exclusion.User("\u00fcn\u00ef:\u4e16"))) {
            byte[] message = PublicationCodec.encode(new Publication(OutboundFrame.of(FRAME, MessageType.TYPING, 5), exclusion));

            Publication decoded = PublicationCodec.decode(message, 0, null);

            assertThat(decoded.exclusion()).isEqualTo(exclusion);
            assertThat(decoded.frame().wire()).isEqualTo(TextFrameBytes.of(FRAME));
            assertThat(decoded.frame().type()).isEqualTo(MessageType.TYPING);
            assertThat(decoded.frame().timestamp()).isEqualTo(5);
        }
    }

    @Test
    void theHeaderCountsTheIdsUtf8Bytes() {
        byte[] message = PublicationCodec.encode(new Publication(OutboundFrame.of(FRAME, MessageType.TYPING, 5),
                new Publication.Exclusion.User("\u00fcn\u00ef")));

        assertThat(new String(message, StandardCharsets.UTF_8)).isEqualTo("u5:\u00fcn\u00ef" + FRAME);
    }

    @Test
    void aPublicationReadAtAPositionFromWithinALongerMessageIsKeptThere() {
        byte[] encoded = PublicationCodec.encode(new Publication(OutboundFrame.of(FRAME, MessageType.TYPING, 5),
                new Publication.Exclusion.Connection("c-1")));
        byte[] message = new byte[encoded.length + 4];
        System.arraycopy(encoded, 0, message, 4, encoded.length);

        Publication decoded = PublicationCodec.decode(message, 4, new StreamPosition(3, "e1"));

        assertThat(decoded.frame().text()).isEqualTo(FRAME.substring(0, FRAME.length() - 1) + ",\"offset\":3,\"epoch\":\"e1\"}");
        assertThat(decoded.exclusion()).isEqualTo(new Publication.Exclusion.Connection("c-1"));
    }
}
