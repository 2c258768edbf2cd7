package io.wsfleet.gateway.ws;

import java.lang.System.Logger.Level;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.websocket.WsUpgrader;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.wsfleet.gateway.auth.AuthFailure;
import io.wsfleet.gateway.auth.Principal;
import io.wsfleet.gateway.auth.TokenExtractor;
import io.wsfleet.gateway.auth.TokenVerifier;

/**
 * Admits WebSocket upgrades before the socket is accepted: an HTTP filter, so that a refusal is a
 * plain HTTP response (401 with a JSON body and {@code WWW-Authenticate}) and no session ever exists
 * for it. Helidon runs filters before it switches protocols.
 */
final class UpgradeGate implements Filter {
    private static final System.Logger LOG = System.getLogger(UpgradeGate.class.getName());

    private final String path;
    private final TokenVerifier verifier;
    private final Admissions admissions;

    UpgradeGate(String path, TokenVerifier verifier, Admissions admissions) {
        this.path = path;
        this.verifier = verifier;
        this.admissions = admissions;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        if (!isUpgradeTo(request)) {
            chain.proceed();
            return;
        }
        var token = TokenExtractor.extract(
                request.headers().first(HeaderNames.AUTHORIZATION),
                request.headers().first(WsUpgrader.PROTOCOL),
                request.query().first("token").asOptional());
        try {
            if (token.isEmpty()) {
                throw new AuthFailure(AuthFailure.Reason.MISSING_TOKEN, "no token: send it as Authorization: Bearer,"
                        + " as Sec-WebSocket-Protocol bearer.<token>, or as ?token=");
            }
            Principal principal = verifier.verify(token.get().token());
            admissions.admit(ConnectionKey.of(request), principal);
            chain.proceed();
        } catch (AuthFailure failure) {
            refuse(request, response, failure);
        }
    }

    private boolean isUpgradeTo(RoutingRequest request) {
        return path.equals(request.path().path())
                && request.headers().first(HeaderNames.UPGRADE).map("websocket"::equalsIgnoreCase).orElse(false);
    }

    private static void refuse(RoutingRequest request, RoutingResponse response, AuthFailure failure) {
        String code = failure.reason().name().toLowerCase(java.util.Locale.ROOT);
        LOG.log(Level.INFO, "upgrade refused ip={0} reason={1}", request.remotePeer().host(), code);
        String challenge = failure.reason() == AuthFailure.Reason.MISSING_TOKEN
                ? "Bearer realm=\"wsfleet\""
                : "Bearer realm=\"wsfleet\", error=\"invalid_token\", error_description=\"" + failure.getMessage() + "\"";
        response.status(Status.UNAUTHORIZED_401)
                .header(HeaderNames.WWW_AUTHENTICATE, challenge)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .send("{\"error\":\"" + code + "\",\"message\":\"" + failure.getMessage() + "\"}");
    }
}
