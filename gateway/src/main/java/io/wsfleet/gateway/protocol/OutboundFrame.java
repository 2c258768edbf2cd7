package io.wsfleet.gateway.protocol;

import java.nio.charset.StandardCharsets;

/**
 * One encoded text frame, shared by every recipient of a publication: it is encoded once and its
 * UTF-8 size (what outbound queues are bounded by) is computed once.
 */
public record OutboundFrame(String text, int bytes) {

    public static OutboundFrame of(String text) {
        return new OutboundFrame(text, text.getBytes(StandardCharsets.UTF_8).length);
    }
}
