package io.wsfleet.gateway;

import io.wsfleet.gateway.auth.DevelopmentCredentials;
import io.wsfleet.gateway.auth.TokenExtractor;
import io.wsfleet.gateway.example.ChatExample;
import io.wsfleet.gateway.ws.WebSocketRoutes;

/** The text printed at start-up: where to connect, and in development mode a sample token. */
final class ConnectInstructions {

    private ConnectInstructions() {
    }

    static String render(Gateway gateway) {
        String scheme = gateway.secure() ? "wss" : "ws";
        String url = scheme + "://localhost:" + gateway.port() + WebSocketRoutes.PATH;
        StringBuilder text = new StringBuilder()
                .append("\nwsfleet gateway is running\n")
                .append("  WebSocket : ").append(url).append('\n')
                .append("  Health    : http://localhost:").append(gateway.adminPort()).append("/health\n")
                .append("  Metrics   : http://localhost:").append(gateway.adminPort()).append("/metrics\n");
        if (gateway.servesChatExample()) {
            text.append("  Chat page : ").append(scheme.replace("ws", "http")).append("://localhost:")
                    .append(gateway.port()).append(ChatExample.PATH).append(" (development environment only)\n");
        }
        gateway.development().ifPresent(dev -> development(text, url, gateway.adminPort(), dev,
                gateway.apiKeyConfigured() ? "$PUBLISH_API_KEY" : dev.apiKey()));
        return text.toString();
    }

    private static void development(StringBuilder text, String url, int adminPort, DevelopmentCredentials dev,
                                    String apiKey) {
        text.append("""

                ================ DEVELOPMENT ONLY: no JWT_SECRET_KEY or JWT_PUBLIC_KEY_PATH set ================
                A random secret was generated for this run; tokens stop working when the gateway restarts.
                Never run like this in production: set JWT_SECRET_KEY (32+ characters) or JWT_PUBLIC_KEY_PATH.

                  JWT secret (HS256) : %s
                  Publish API key    : %s
                  Sample token       : user "%s", valid 24 hours
                  %s

                Connect from the console of a browser tab on %s (pages of other origins need ALLOWED_ORIGINS):
                  const ws = new WebSocket("%s", ["%s", "%s%s"]);
                  ws.onmessage = (e) => console.log(e.data);
                  ws.onopen = () => ws.send(JSON.stringify({type: "join_room", payload: {room_id: "lobby"}, message_id: "1"}));
                or with a query token: %s?token=<token>
                Publish from a backend:
                  curl -H "Authorization: Bearer %s" -d '{"payload":{"text":"hi"}}' http://localhost:%d/api/broadcast
                ===============================================================================================
                """.formatted(dev.secret(), apiKey, dev.sampleUserId(), dev.sampleToken(),
                url.replace("ws://", "http://").replace("wss://", "https://"), url, TokenExtractor.SUBPROTOCOL,
                TokenExtractor.BEARER_PROTOCOL_PREFIX, dev.sampleToken(), url,
                apiKey, adminPort));
    }
}
