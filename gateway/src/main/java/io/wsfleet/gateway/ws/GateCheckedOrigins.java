package io.wsfleet.gateway.ws;

import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.spi.Http1RoutedUpgrade;
import io.helidon.webserver.http1.spi.Http1RoutedUpgrader;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsUpgrader;

/**
 * Helidon's WebSocket upgrader without its own {@code Origin} check. Helidon compares {@code Origin}
 * with a list fixed when the server starts (or with the request's {@code Host}) and answers a bare
 * 403 before any filter runs; the {@link UpgradeGate} checks it instead, against the origins in force
 * after every reload, and says why in JSON. So Helidon is shown the headers without {@code Origin}, both
 * when it prepares the upgrade and when it switches after the filters; the filters see the request as sent.
 */
final class GateCheckedOrigins implements Http1RoutedUpgrader {
    private final Http1RoutedUpgrader helidon;

    GateCheckedOrigins(WsConfig config) {
        if (!(WsUpgrader.create(config) instanceof Http1RoutedUpgrader routed)) {
            // Without routing, no filter would run before the switch, and no origin would be checked.
            throw new IllegalStateException("Helidon's WebSocket upgrader no longer routes upgrades through filters");
        }
        this.helidon = routed;
    }

    @Override
    public String supportedProtocol() {
        return helidon.supportedProtocol();
    }

    @Override
    public Optional<Http1RoutedUpgrade> routedUpgrade(ConnectionContext ctx, HttpPrologue prologue,
                                                      WritableHeaders<?> headers) {
        return helidon.routedUpgrade(ctx, prologue, withoutOrigin(headers))
                .map(upgrade -> (response, switchHeaders) -> upgrade.upgrade(response, withoutOrigin(switchHeaders)));
    }

    private static WritableHeaders<?> withoutOrigin(Headers headers) {
        return WritableHeaders.create(headers).remove(HeaderNames.ORIGIN);
    }

    /** Helidon routes every upgrade (above) when it can; this unrouted form keeps its own origin check. */
    @Override
    public ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers) {
        return helidon.upgrade(ctx, prologue, headers);
    }
}
