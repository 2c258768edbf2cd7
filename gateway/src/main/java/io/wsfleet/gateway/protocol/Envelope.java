package io.wsfleet.gateway.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The wire envelope of every server frame: {@code {"type", "payload", "timestamp", "message_id", "from"}}.
 * {@code timestamp} is epoch milliseconds set by the server; {@code from} is the sending user id (or
 * {@code "system"} for the publish API) and is set by the server, never taken from the client.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(String type,
                       JsonNode payload,
                       long timestamp,
                       @JsonProperty("message_id") String messageId,
                       String from) {
}
