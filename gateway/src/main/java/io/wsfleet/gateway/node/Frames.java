package io.wsfleet.gateway.node;

import java.time.Clock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsfleet.gateway.protocol.Envelope;
import io.wsfleet.gateway.protocol.FrameCodec;
import io.wsfleet.gateway.protocol.MessageType;
import io.wsfleet.gateway.protocol.OutboundFrame;
import io.wsfleet.gateway.protocol.ProtocolException;

/** Builds and encodes server frames; each gets a server {@code message_id} and {@code timestamp}. */
final class Frames {
    private final FrameCodec codec;
    private final MessageIds ids;
    private final Clock clock;

    /** An encoded frame and the server message id it carries. */
    record Built(String messageId, OutboundFrame frame) {
    }

    Frames(FrameCodec codec, MessageIds ids, Clock clock) {
        this.codec = codec;
        this.ids = ids;
        this.clock = clock;
    }

    ObjectNode object() {
        return codec.newObject();
    }

    /** A frame sent on behalf of {@code from} (a user id, or {@code system}). */
    Built event(MessageType type, ObjectNode payload, String from) {
        String id = ids.next();
        return new Built(id, codec.encode(new Envelope(type.wireName(), payload, clock.millis(), id, from)));
    }

    /** The answer to a client message that carried a {@code message_id}. */
    OutboundFrame ack(String clientMessageId, ObjectNode details) {
        details.put("message_id", clientMessageId);
        return event(MessageType.ACK, details, null).frame();
    }

    OutboundFrame error(ProtocolException error) {
        ObjectNode payload = object()
                .put("code", error.code().wireName())
                .put("message", error.getMessage());
        if (error.messageId() != null) {
            payload.put("message_id", error.messageId());
        }
        error.retryAfter().ifPresent(wait -> payload.put("retry_after_ms", Math.max(1, wait.toMillis())));
        return event(MessageType.ERROR, payload, null).frame();
    }

    OutboundFrame pong(ObjectNode pingPayload) {
        return event(MessageType.PONG, pingPayload, null).frame();
    }
}
