package io.wsfleet.gateway.node;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.wsfleet.gateway.history.HistoryPage;
import io.wsfleet.gateway.protocol.OutboundFrame;

/**
 * A page of history as JSON: {@code messages} holds the kept frames exactly as members received them
 * (their encoded text, not parsed again), {@code position} where the stream stands. A room without
 * history has an empty {@code messages} and no {@code position}. Shared by the {@code history} message
 * and the publish API.
 */
public final class HistoryAnswers {

    private HistoryAnswers() {
    }

    public static ObjectNode payload(ObjectNode target, Optional<HistoryPage> page) {
        ArrayNode messages = target.putArray("messages");
        page.ifPresent(found -> {
            for (OutboundFrame frame : found.frames()) {
                messages.addRawValue(new RawValue(frame.text()));
            }
            Positions.write(target.putObject("position"), found.position());
        });
        return target;
    }
}
