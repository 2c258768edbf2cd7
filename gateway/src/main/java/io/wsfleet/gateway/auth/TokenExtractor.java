package io.wsfleet.gateway.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds the token on an upgrade request. Checked in this order: {@code Authorization: Bearer},
 * a {@code bearer.<token>} entry in {@code Sec-WebSocket-Protocol}, the {@code token} query parameter.
 */
public final class TokenExtractor {
    /** The subprotocol a client offers beside its token, and the one the server selects. */
    public static final String SUBPROTOCOL = "wsfleet.v1";
    /** Prefix of the subprotocol entry that carries the token. */
    public static final String BEARER_PROTOCOL_PREFIX = "bearer.";

    private static final String BEARER_SCHEME = "bearer ";

    private TokenExtractor() {
    }

    /** A token and where it came from. */
    public record Extracted(String token, TokenTransport transport) {
    }

    public static Optional<Extracted> extract(Optional<String> authorization,
                                              Optional<String> protocolHeader,
                                              Optional<String> queryToken) {
        Optional<String> bearer = authorization
                .filter(value -> value.regionMatches(true, 0, BEARER_SCHEME, 0, BEARER_SCHEME.length()))
                .map(value -> value.substring(BEARER_SCHEME.length()).trim())
                .filter(token -> !token.isEmpty());
        if (bearer.isPresent()) {
            return bearer.map(token -> new Extracted(token, TokenTransport.AUTHORIZATION_HEADER));
        }
        Optional<String> fromProtocol = protocolHeader.stream()
                .flatMap(header -> offeredProtocols(header).stream())
                .filter(entry -> entry.startsWith(BEARER_PROTOCOL_PREFIX))
                .map(entry -> entry.substring(BEARER_PROTOCOL_PREFIX.length()))
                .filter(token -> !token.isEmpty())
                .findFirst();
        if (fromProtocol.isPresent()) {
            return fromProtocol.map(token -> new Extracted(token, TokenTransport.SUBPROTOCOL));
        }
        return queryToken.filter(token -> !token.isBlank())
                .map(token -> new Extracted(token, TokenTransport.QUERY));
    }

    /** Whether the client offered the {@link #SUBPROTOCOL}, which the server then selects. */
    public static boolean offersSubprotocol(Optional<String> protocolHeader) {
        return protocolHeader.map(header -> offeredProtocols(header).contains(SUBPROTOCOL)).orElse(false);
    }

    private static List<String> offeredProtocols(String header) {
        return Arrays.stream(header.split(",")).map(String::trim).filter(entry -> !entry.isEmpty()).toList();
    }
}
