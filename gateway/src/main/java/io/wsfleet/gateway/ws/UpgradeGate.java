package io.wsfleet.gateway.ws;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.websocket.WsUpgrader;
import io.wsfleet.gateway.auth.AuthFailure;
import io.wsfleet.gateway.auth.Principal;
import io.wsfleet.gateway.auth.TokenExtractor;
import io.wsfleet.gateway.auth.TokenVerifier;
import io.wsfleet.gateway.config.GatewayConfig;
import io.wsfleet.gateway.config.Live;
import io.wsfleet.gateway.http.JsonResponses;
import io.wsfleet.gateway.limits.LimitRefusals;
import io.wsfleet.gateway.limits.RateLimits;
import io.wsfleet.gateway.node.Admission;
import io.wsfleet.gateway.node.DrainingException;
import io.wsfleet.gateway.node.Node;
import io.wsfleet.gateway.presence.StoreUnavailableException;

/**
 * Admits WebSocket upgrades before the socket is accepted: an HTTP filter, so that a refusal is a
 * plain HTTP response (401 with a JSON body and {@code WWW-Authenticate}, or 429) and no session ever
 * exists for it. Helidon runs filters before it switches protocols. Checks, in order: the page's origin,
 * the gateway's own state, connection rate of the client IP, the token, the user's concurrent connections
 * (the device is recorded in the same atomic step that counts it: {@link Node#admit}).
 */
final class UpgradeGate implements Filter {
    private static final System.Logger LOG = System.getLogger(UpgradeGate.class.getName());

    private final String path;
    private final TokenVerifier verifier;
    private final Admissions admissions;
    private final Live<RateLimits> limits;
    private final Live<GatewayConfig.Origins> origins;
    private final ClientAddress clientAddress;
    private final Node node;
    private final WebSocketMeters meters;
    private final LimitRefusals refusals;

    UpgradeGate(String path, TokenVerifier verifier, Admissions admissions, UpgradeRules rules, Node node,
                WebSocketMeters meters, LimitRefusals refusals) {
        this.meters = meters;
        this.refusals = refusals;
        this.limits = rules.limits();
        this.origins = rules.origins();
        this.clientAddress = new ClientAddress(rules.trustedProxies());
        this.path = path;
        this.verifier = verifier;
        this.admissions = admissions;
        this.node = node;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        if (!isUpgradeTo(request)) {
            chain.proceed();
            return;
        }
        var refusal = OriginCheck.refusal(origins.current(), request.headers().first(HeaderNames.ORIGIN),
                request.headers().first(HeaderNames.HOST));
        if (refusal.isPresent()) {
            meters.refused(WebSocketMeters.Refusal.ORIGIN);
            LOG.log(Level.INFO, "upgrade refused ip={0} reason={1}", request.remotePeer().host(), refusal.get().code());
            JsonResponses.error(response, Status.FORBIDDEN_403, refusal.get().code(), refusal.get().message());
            return;
        }
        if (node.draining()) {
            draining(response);
            return;
        }
        if (!node.brokerHealthy()) {
            unavailable(response, "the gateway cannot reach its broker; try again");
            return;
        }
        // Every attempt counts against the client's IP, before any work is spent on its token.
        String ip = clientAddress.of(request);
        RateLimits current = limits.current();
        Duration wait = current.connectionsPerIp().tryAcquire(ip);
        if (!wait.isZero()) {
            meters.refused(WebSocketMeters.Refusal.RATE);
            refusals.refused(LimitRefusals.Limit.CONNECTIONS_PER_IP);
            tooMany(response, ip, "rate_limited", "more than " + current.connectionsPerIp().limit()
                    + " connections an hour from this address", wait);
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
            Optional<Admission> admission = node.admit(principal, current.maxConnectionsPerUser());
            if (admission.isEmpty()) {
                meters.refused(WebSocketMeters.Refusal.PER_USER);
                refusals.refused(LimitRefusals.Limit.CONNECTIONS_PER_USER);
                tooMany(response, ip, "too_many_connections", "user already has "
                        + current.maxConnectionsPerUser() + " connections open", Duration.ZERO);
                return;
            }
            admissions.admit(ConnectionKey.of(request), admission.get());
            chain.proceed();
        } catch (AuthFailure failure) {
            meters.refused(WebSocketMeters.Refusal.AUTH);
            refuse(request, response, failure);
        } catch (StoreUnavailableException e) {
            // The device cannot be counted against the limit, nor recorded: admit nothing rather than no limit.
            unavailable(response, "the gateway cannot reach its presence store; try again");
        } catch (DrainingException e) {
            draining(response);
        }
    }

    private void draining(RoutingResponse response) {
        meters.refused(WebSocketMeters.Refusal.DRAINING);
        // The load balancer stops sending here once readiness is down; until then, point clients elsewhere.
        response.header(HeaderNames.RETRY_AFTER, "1");
        JsonResponses.error(response, Status.SERVICE_UNAVAILABLE_503, "draining", "gateway is shutting down; reconnect");
    }

    private void unavailable(RoutingResponse response, String message) {
        meters.refused(WebSocketMeters.Refusal.UNAVAILABLE);
        response.header(HeaderNames.RETRY_AFTER, "1");
        JsonResponses.error(response, Status.SERVICE_UNAVAILABLE_503, "unavailable", message);
    }

    private boolean isUpgradeTo(RoutingRequest request) {
        return path.equals(request.path().path())
                && request.headers().first(HeaderNames.UPGRADE).map("websocket"::equalsIgnoreCase).orElse(false);
    }

    private static void tooMany(RoutingResponse response, String ip, String code, String message, Duration wait) {
        LOG.log(Level.INFO, "upgrade refused ip={0} reason={1}", ip, code);
        if (!wait.isZero()) {
            response.header(HeaderNames.RETRY_AFTER, String.valueOf(Math.max(1, wait.toSeconds())));
        }
        JsonResponses.error(response, Status.TOO_MANY_REQUESTS_429, code, message);
    }

    private static void refuse(RoutingRequest request, RoutingResponse response, AuthFailure failure) {
        String code = failure.reason().name().toLowerCase(java.util.Locale.ROOT);
        LOG.log(Level.INFO, "upgrade refused ip={0} reason={1}", request.remotePeer().host(), code);
        String challenge = failure.reason() == AuthFailure.Reason.MISSING_TOKEN
                ? "Bearer realm=\"wsfleet\""
                : "Bearer realm=\"wsfleet\", error=\"invalid_token\", error_description=\"" + failure.getMessage() + "\"";
        response.header(HeaderNames.WWW_AUTHENTICATE, challenge);
        JsonResponses.error(response, Status.UNAUTHORIZED_401, code, failure.getMessage());
    }
}
