package io.wsfleet.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wsfleet.gateway.http.JsonResponses;

/**
 * The admin port's bearer key ({@code PUBLISH_API_KEY}): calls of the publish API and the drain
 * endpoint carry {@code Authorization: Bearer <api key>}; without a configured key every call is refused.
 */
final class ApiKeyCheck {
    private final Optional<byte[]> apiKey;

    ApiKeyCheck(Optional<String> apiKey) {
        this.apiKey = apiKey.map(key -> key.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the call may go on; answers 403 or 401 if not. */
    boolean admitted(ServerRequest request, ServerResponse response) {
        if (apiKey.isEmpty()) {
            JsonResponses.error(response, Status.FORBIDDEN_403, "disabled", "the publish API is disabled: set PUBLISH_API_KEY");
            return false;
        }
        if (!authorized(request)) {
            JsonResponses.error(response, Status.UNAUTHORIZED_401, "unauthorized", "missing or wrong API key");
            return false;
        }
        return true;
    }

    private boolean authorized(ServerRequest request) {
        return request.headers().first(HeaderNames.AUTHORIZATION)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim().getBytes(StandardCharsets.UTF_8))
                // Constant-time comparison: the key must not leak through response timing.
                .map(given -> MessageDigest.isEqual(given, apiKey.orElseThrow()))
                .orElse(false);
    }
}
