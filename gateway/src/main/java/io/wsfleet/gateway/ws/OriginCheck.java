package io.wsfleet.gateway.ws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

import io.wsfleet.gateway.config.GatewayConfig;

/**
 * Whether a WebSocket upgrade's {@code Origin} may connect (against cross-site WebSocket hijacking):
 * listed origins, every origin for an explicit {@code *}, or else the gateway's own origin, the
 * {@code Origin}'s host and port equal to the request's {@code Host}.
 */
final class OriginCheck {

    /** Why an upgrade is refused: the {@code error} code and message of the 403. */
    record Refusal(String code, String message) {
    }

    private OriginCheck() {
    }

    static Optional<Refusal> refusal(GatewayConfig.Origins origins, Optional<String> origin, Optional<String> host) {
        if (origin.isEmpty()) {
            return origins.allowMissing() ? Optional.empty() : Optional.of(new Refusal("origin_required",
                    "this gateway admits browsers only: the Origin header is required"));
        }
        boolean admitted = origins.anyOrigin()
                || origins.allowed().contains(origin.get())
                || origins.allowed().isEmpty() && host.isPresent() && sameOrigin(origin.get(), host.get());
        return admitted ? Optional.empty() : Optional.of(new Refusal("origin_not_allowed",
                "pages of origin " + origin.get() + " may not open WebSockets here"));
    }

    private static boolean sameOrigin(String origin, String host) {
        try {
            URI page = new URI(origin);
            if (page.getScheme() == null || page.getHost() == null) {
                return false;
            }
            URI server = new URI(page.getScheme(), host, null, null, null);
            return authority(page).equals(authority(server));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** {@code host:port} in lower case, with the scheme's default port when none is given. */
    private static String authority(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
