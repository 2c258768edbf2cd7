package io.wsfleet.gateway.auth;

/** Why an upgrade was refused before any session existed. The message never contains the token. */
public final class AuthFailure extends Exception {
    /** The OAuth 2.0 bearer error code (RFC 6750), also used in the JSON body of the 401 response. */
    public enum Reason { MISSING_TOKEN, INVALID_TOKEN, EXPIRED_TOKEN }

    private final Reason reason;

    public AuthFailure(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
