package io.wsfleet.gateway.broker.redis;

import io.wsfleet.gateway.broker.Publication;
import io.wsfleet.gateway.protocol.OutboundFrame;

/**
 * A publication as one Redis message: a short header naming the exclusion, then the frame exactly as
 * the publishing node encoded it. Receiving nodes split it once and never re-encode the frame.
 *
 * <pre>
 *   -            + frame      nobody excluded
 *   c{len}:{id}  + frame      one connection excluded
 *   u{len}:{id}  + frame      every device of one user excluded
 * </pre>
 * Lengths make ids with any characters safe.
 */
final class PublicationCodec {

    private PublicationCodec() {
    }

    static String encode(Publication publication) {
        return switch (publication.exclusion()) {
            case Publication.Exclusion.Nobody nobody -> "-" + publication.frame().text();
            case Publication.Exclusion.Connection connection -> header('c', connection.connectionId())
                    + publication.frame().text();
            case Publication.Exclusion.User user -> header('u', user.userId()) + publication.frame().text();
        };
    }

    static Publication decode(String message) {
        char kind = message.charAt(0);
        if (kind == '-') {
            return Publication.toAll(OutboundFrame.received(message.substring(1)));
        }
        int colon = message.indexOf(':');
        int length = Integer.parseInt(message, 1, colon, 10);
        String id = message.substring(colon + 1, colon + 1 + length);
        OutboundFrame frame = OutboundFrame.received(message.substring(colon + 1 + length));
        return switch (kind) {
            case 'c' -> new Publication(frame, new Publication.Exclusion.Connection(id));
            case 'u' -> new Publication(frame, new Publication.Exclusion.User(id));
            default -> throw new IllegalArgumentException("unknown publication header '" + kind + "'");
        };
    }

    private static String header(char kind, String id) {
        return kind + Integer.toString(id.length()) + ":" + id;
    }
}
