package io.wsfleet.bench.client;

/**
 * How one WebSocket system speaks: the URL and headers of the upgrade, the frames to join a room and
 * to publish, and the frames the client must answer or recognise. The load generator speaks each
 * protocol itself, so the client costs the same whichever server it measures.
 */
public sealed interface WireProtocol permits WsfleetWire, SocketIoWire {

    /** The path and query of the upgrade request. */
    String path();

    /** The header that carries the token, or null when the protocol sends it in a frame. */
    String authorizationHeader(String token);

    /** Whether joins may be sent as soon as the WebSocket is open (else after {@link Reaction.Ready}). */
    boolean readyOnOpen();

    /** What to do with a control frame of the protocol itself (not a delivery). */
    Reaction react(String text, String token);

    String joinFrame(String room);

    String publishFrame(String room, String message);

    /** A frame that is part of the protocol's own conversation. */
    sealed interface Reaction {
        /** Not a protocol frame: maybe a delivery. */
        record None() implements Reaction {
        }

        /** The connection is ready for joins (after the server's connect answer). */
        record Ready() implements Reaction {
        }

        /** The pending join was confirmed. */
        record Joined() implements Reaction {
        }

        /** Answer with this frame (a heartbeat, or the protocol's connect request). */
        record Reply(String frame) implements Reaction {
        }
    }
}
