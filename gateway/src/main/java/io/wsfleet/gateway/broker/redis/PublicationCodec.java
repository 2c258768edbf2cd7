package io.wsfleet.gateway.broker.redis;

import java.nio.charset.StandardCharsets;

import io.wsfleet.gateway.broker.Publication;
import io.wsfleet.gateway.history.StreamPosition;
import io.wsfleet.gateway.protocol.AsciiBytes;
import io.wsfleet.gateway.protocol.OutboundFrame;

/**
 * A publication as one Redis message: a short header naming the exclusion, then the frame exactly as
 * the publishing node encoded it, in UTF-8. Receiving nodes split it once and frame its bytes for the
 * wire without decoding them.
 *
 * <pre>
 *   -            + frame      nobody excluded
 *   c{len}:{id}  + frame      one connection excluded
 *   u{len}:{id}  + frame      every device of one user excluded
 * </pre>
 * Lengths (of the id's UTF-8 bytes) make ids with any characters safe.
 */
final class PublicationCodec {

    private PublicationCodec() {
    }

    static byte[] encode(Publication publication) {
        byte[] header = switch (publication.exclusion()) {
            case Publication.Exclusion.Nobody nobody -> new byte[] {'-'};
            case Publication.Exclusion.Connection connection -> header('c', connection.connectionId());
            case Publication.Exclusion.User user -> header('u', user.userId());
        };
        byte[] frame = publication.frame().text().getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[header.length + frame.length];
        System.arraycopy(header, 0, message, 0, header.length);
        System.arraycopy(frame, 0, message, header.length, frame.length);
        return message;
    }

    /**
     * The publication in {@code message} from {@code from} on, its frame as kept at {@code position}
     * ({@code null}: not kept).
     */
    static Publication decode(byte[] message, int from, StreamPosition position) {
        byte kind = message[from];
        if (kind == '-') {
            return Publication.toAll(OutboundFrame.received(message, from + 1, position));
        }
        int colon = AsciiBytes.indexOf(message, from, ':');
        if (colon < 0) {
            throw new IllegalArgumentException("publication header without ':'");
        }
        int length = (int) AsciiBytes.parseLong(message, from + 1, colon);
        String id = new String(message, colon + 1, length, StandardCharsets.UTF_8);
        OutboundFrame frame = OutboundFrame.received(message, colon + 1 + length, position);
        return switch (kind) {
            case 'c' -> new Publication(frame, new Publication.Exclusion.Connection(id));
            case 'u' -> new Publication(frame, new Publication.Exclusion.User(id));
            default -> throw new IllegalArgumentException("unknown publication header '" + (char) kind + "'");
        };
    }

    private static byte[] header(char kind, String id) {
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        return (kind + Integer.toString(utf8.length) + ":" + id).getBytes(StandardCharsets.UTF_8);
    }
}
