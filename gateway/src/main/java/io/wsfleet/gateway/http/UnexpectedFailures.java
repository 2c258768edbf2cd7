package io.wsfleet.gateway.http;

import java.lang.System.Logger.Level;

import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;

/**
 * Failures no handler answered itself. The client gets a status and a fixed message in the usual JSON
 * shape, never an exception's text (which can name files, hosts or values); the server log gets the
 * stack trace.
 */
public final class UnexpectedFailures {
    private static final System.Logger LOG = System.getLogger(UnexpectedFailures.class.getName());

    private UnexpectedFailures() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(RuntimeException.class, (request, response, error) -> {
            if (error instanceof HttpException http) {
                // Helidon's own refusals (not found, bad request...): keep the status, not the text.
                JsonResponses.error(response, http.status(), "request_failed", http.status().reasonPhrase());
                return;
            }
            LOG.log(Level.ERROR, "request " + request.prologue().method().text() + " " + request.path().path()
                    + " failed", error);
            JsonResponses.error(response, Status.INTERNAL_SERVER_ERROR_500, "internal", "internal error");
        });
    }
}
