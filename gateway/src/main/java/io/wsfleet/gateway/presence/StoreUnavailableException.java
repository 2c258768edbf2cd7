package io.wsfleet.gateway.presence;

/**
 * A shared store (presence, the room directory) could not be reached. The node keeps its local
 * sessions and answers the one request with an {@code unavailable} error; state is re-synchronised
 * when the store is back.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
