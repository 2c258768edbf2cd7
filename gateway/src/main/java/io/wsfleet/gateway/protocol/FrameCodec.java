package io.wsfleet.gateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Decodes client frames into {@link InboundMessage}s and encodes server {@link Envelope}s, once each. */
public final class FrameCodec {
    /** Longest client {@code message_id} accepted; ids are echoed back in acks and kept for de-duplication. */
    public static final int MAX_MESSAGE_ID_LENGTH = 128;

    // Trailing tokens fail: "{...} junk" is not one JSON object, and must not pass as one.
    private final ObjectMapper mapper = JsonMappers.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    public InboundMessage decode(String text) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "frame is not valid JSON", null);
        }
        if (root == null || !root.isObject()) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "frame must be a JSON object", null);
        }
        String messageId = messageId(root.get("message_id"));
        MessageType type = type(root.get("type"), messageId);
        boolean dedup = dedup(root.get("dedup"), messageId);
        JsonNode payload = root.get("payload");
        if (payload == null || payload.isNull()) {
            return new InboundMessage(type, mapper.createObjectNode(), messageId, dedup);
        }
        if (!payload.isObject()) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "payload must be a JSON object", messageId);
        }
        return new InboundMessage(type, (ObjectNode) payload, messageId, dedup);
    }

    public OutboundFrame encode(Envelope envelope) {
        try {
            MessageType type = MessageType.fromWireName(envelope.type()).orElseThrow();
            return OutboundFrame.of(mapper.writeValueAsString(envelope), type, envelope.timestamp());
        } catch (JsonProcessingException e) {
            // Envelopes hold only JSON trees and strings, so this is a programming error.
            throw new IllegalStateException("cannot encode envelope of type " + envelope.type(), e);
        }
    }

    public ObjectNode newObject() {
        return mapper.createObjectNode();
    }

    /** Parses a JSON document that must be an object (publish API bodies); the exception says why not. */
    public ObjectNode readObject(String json) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private static String messageId(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().isEmpty() || node.asText().length() > MAX_MESSAGE_ID_LENGTH) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD,
                    "message_id must be a string of 1 to " + MAX_MESSAGE_ID_LENGTH + " characters", null);
        }
        return node.asText();
    }

    /** Opt-in, so that clients numbering their ids per connection ("1", "2", ...) keep working. */
    private static boolean dedup(JsonNode node, String messageId) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "dedup must be a boolean", messageId);
        }
        return node.booleanValue();
    }

    private static MessageType type(JsonNode node, String messageId) {
        if (node == null || node.isNull()) {
            throw new ProtocolException(ErrorCode.MISSING_TYPE, "type is required", messageId);
        }
        if (!node.isTextual()) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "type must be a string", messageId);
        }
        MessageType type = MessageType.fromWireName(node.asText())
                .orElseThrow(() -> new ProtocolException(ErrorCode.UNKNOWN_TYPE,
                        "unknown type '" + abbreviate(node.asText()) + "'", messageId));
        if (!type.clientSendable()) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_TYPE,
                    "type '" + type.wireName() + "' is sent by the server only", messageId);
        }
        return type;
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
