package io.wsfleet.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.wsfleet.gateway.broker.Topic;
import io.wsfleet.gateway.history.StreamPosition;
import io.wsfleet.gateway.protocol.MessageType;
import io.wsfleet.gateway.protocol.OutboundFrame;
import org.junit.jupiter.api.Test;

class StreamGatesTest {
    private static final Topic.Room ROOM = new Topic.Room("lobby");
    private static final Topic.Room OTHER = new Topic.Room("other");
    private final StreamGates gates = new StreamGates();
    private final List<String> sent = new ArrayList<>();
    private final Consumer<OutboundFrame> send = frame -> sent.add(frame.kept()
            ? frame.text().substring(9, frame.text().indexOf('"', 9)) + "#" + frame.position().offset()
            : frame.text());

    @Test
    void aHeldStreamsFramesWaitAndOnlyThoseBeyondTheReplayFollowIt() {
        gates.hold(ROOM, true);
        deliver(ROOM, kept(ROOM, 5));
        deliver(ROOM, kept(ROOM, 6));
        deliver(OTHER, kept(OTHER, 1)); // another stream is not held
        deliver(ROOM, kept(ROOM, 7));

        gates.release(ROOM, List.of(frame("ack"), kept(ROOM, 5), kept(ROOM, 6)), at(6), send);

        assertThat(sent).containsExactly("other#1", "ack", "lobby#5", "lobby#6", "lobby#7");
    }

    @Test
    void framesOfTheReplayThatArriveLateAreDroppedUntilANewerOneCameThrough() {
        gates.hold(ROOM, true);
        gates.release(ROOM, List.of(frame("ack"), kept(ROOM, 5), kept(ROOM, 6)), at(6), send);

        deliver(ROOM, kept(ROOM, 6)); // in flight on the broker's connection while the replay was read
        deliver(ROOM, kept(ROOM, 7));
        deliver(ROOM, kept(ROOM, 6)); // cannot follow 7 on one channel; the fence is gone once 7 passed

        assertThat(sent).containsExactly("ack", "lobby#5", "lobby#6", "lobby#7", "lobby#6");
    }

    @Test
    void framesOfAnotherEpochAndUnkeptFramesPassTheFence() {
        gates.hold(ROOM, true);
        gates.release(ROOM, List.of(), at(6), send);

        deliver(ROOM, frame("typing"));
        deliver(ROOM, OutboundFrame.of("{\"room\":\"lobby\"}", MessageType.ROOM_MESSAGE, 0)
                .at(new StreamPosition(1, "newepoch")));

        assertThat(sent).containsExactly("typing", "lobby#1");
    }

    @Test
    void aWaitingHoldIsClaimedOnceOrReleasedAsItIs() {
        gates.hold(ROOM, false);
        deliver(ROOM, kept(ROOM, 1));
        assertThat(gates.claim(ROOM)).isTrue();
        assertThat(gates.claim(ROOM)).isFalse();
        gates.releaseUnclaimed(ROOM, send); // claimed: only its catch-up releases it
        assertThat(sent).isEmpty();

        gates.hold(OTHER, false);
        deliver(OTHER, kept(OTHER, 2));
        gates.releaseUnclaimed(OTHER, send);
        assertThat(sent).containsExactly("other#2");
        assertThat(gates.claim(OTHER)).isFalse();
    }

    private void deliver(Topic topic, OutboundFrame frame) {
        gates.deliver(topic, frame, send);
    }

    /** A frame of {@code room} kept at {@code offset}: {@code {"room":"<id>","offset":..,"epoch":..}}. */
    private static OutboundFrame kept(Topic.Room room, long offset) {
        return OutboundFrame.of("{\"room\":\"" + room.roomId() + "\"}", MessageType.ROOM_MESSAGE, 0).at(at(offset));
    }

    private static OutboundFrame frame(String text) {
        return OutboundFrame.of(text, MessageType.ACK, 0);
    }

    private static StreamPosition at(long offset) {
        return new StreamPosition(offset, "epoch1");
    }
}
