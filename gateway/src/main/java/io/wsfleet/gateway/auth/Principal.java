package io.wsfleet.gateway.auth;

import java.util.Set;

/** An authenticated user: the user id and the private rooms the token grants (claim {@code rooms}). */
public record Principal(String userId, Set<String> rooms) {

    public Principal {
        rooms = Set.copyOf(rooms);
    }
}
