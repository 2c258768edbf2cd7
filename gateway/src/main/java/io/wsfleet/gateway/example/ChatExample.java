package io.wsfleet.gateway.example;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wsfleet.gateway.auth.DevelopmentCredentials;
import io.wsfleet.gateway.http.JsonResponses;

/**
 * The example chat page and the JavaScript SDK it imports, served on the public port in development
 * mode only, so that the page is on the gateway's own origin (no {@code ALLOWED_ORIGINS} needed).
 * The files are packaged from {@code clients/js} into the jar under {@code dev/chat/}.
 *
 * <p>With generated development credentials, {@code /chat/token?user=<id>} signs a token for any
 * user, so that two tabs can chat as two people; it does not exist when a key is configured.
 */
public final class ChatExample {
    public static final String PATH = "/chat/";
    private static final String RESOURCES = "dev/chat/";
    /** Lower-case names in sub-folders, with an extension: no "..", no absolute paths. */
    private static final Pattern FILE = Pattern.compile("(?:[a-z0-9-]+/)*[a-z0-9-]+(?:\\.[a-z]+)+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "ts", "text/plain; charset=utf-8");
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(24);

    private final Optional<DevelopmentCredentials> credentials;

    public ChatExample(Optional<DevelopmentCredentials> credentials) {
        this.credentials = credentials;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/chat", (request, response) -> response.status(Status.MOVED_PERMANENTLY_301)
                        .header(HeaderNames.LOCATION, PATH).send())
                .get(PATH + "token", this::token)
                .get(PATH + "*", this::file);
    }

    private void token(ServerRequest request, ServerResponse response) {
        Optional<String> user = request.query().first("user").asOptional().filter(id -> !id.isBlank());
        if (credentials.isEmpty()) {
            JsonResponses.error(response, Status.NOT_FOUND_404, "no_development_secret",
                    "tokens are minted only with the generated development secret; bring your own token");
        } else if (user.isEmpty() || user.get().length() > 64) {
            JsonResponses.error(response, Status.BAD_REQUEST_400, "bad_user", "user must be 1 to 64 characters");
        } else {
            JsonResponses.send(response, Status.OK_200, JsonResponses.object().put("token",
                    DevelopmentCredentials.sign(credentials.get().secret(), user.get(), TOKEN_LIFETIME)));
        }
    }

    private void file(ServerRequest request, ServerResponse response) throws IOException {
        String name = request.path().path().substring(PATH.length());
        if (name.isEmpty()) {
            name = "index.html";
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        InputStream content = FILE.matcher(name).matches() && TYPES.containsKey(extension)
                ? ChatExample.class.getClassLoader().getResourceAsStream(RESOURCES + name)
                : null;
        if (content == null) {
            response.status(Status.NOT_FOUND_404).send("not found");
            return;
        }
        try (content) {
            response.header(HeaderNames.CONTENT_TYPE, TYPES.get(extension))
                    .header(HeaderNames.CACHE_CONTROL, "no-store")
                    .send(content.readAllBytes());
        }
    }
}
