package io.wsfleet.gateway.node;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsfleet.gateway.history.StreamPosition;
import io.wsfleet.gateway.protocol.ErrorCode;
import io.wsfleet.gateway.protocol.InboundMessage;

/** Stream positions on the wire: {@code {"offset": N, "epoch": "E"}}. */
final class Positions {

    private Positions() {
    }

    static void write(ObjectNode target, StreamPosition position) {
        target.put("offset", position.offset()).put("epoch", position.epoch());
    }

    /** The optional position in {@code payload.<field>}; refuses anything but a well-formed one. */
    static Optional<StreamPosition> read(InboundMessage message, String field) {
        JsonNode value = message.payload().get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        JsonNode offset = value.get("offset");
        JsonNode epoch = value.get("epoch");
        if (!value.isObject() || offset == null || !offset.canConvertToExactIntegral() || !offset.canConvertToLong()
                || offset.asLong() < 0 || epoch == null || !epoch.isTextual()
                || !StreamPosition.validEpoch(epoch.asText())) {
            throw message.error(ErrorCode.INVALID_FIELD, "payload." + field + " must be {\"offset\": a whole number"
                    + " >= 0, \"epoch\": the epoch string the gateway sent}");
        }
        return Optional.of(new StreamPosition(offset.asLong(), epoch.asText()));
    }
}
