package io.wsfleet.gateway.auth;

/** Where a client put its token on the upgrade request. */
public enum TokenTransport {
    /** {@code Authorization: Bearer <token>}. */
    AUTHORIZATION_HEADER,
    /** An entry {@code bearer.<token>} in {@code Sec-WebSocket-Protocol}, for browsers. */
    SUBPROTOCOL,
    /** The {@code ?token=} query parameter, as in the seed's URL. */
    QUERY
}
