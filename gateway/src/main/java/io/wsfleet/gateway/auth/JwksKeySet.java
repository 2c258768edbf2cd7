package io.wsfleet.gateway.auth;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.wsfleet.gateway.config.GatewayConfig;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * An identity provider's JSON Web Key Set, fetched by the gateway itself so that a bad answer never
 * sticks: every fetch either replaces the set (a {@code 200} whose body is a set with at least one key)
 * or is a failure that is logged, counted and retried, while the keys already known stay in use.
 *
 * <p>When fetched: at start and every {@code refresh} after a good answer; after a failed one, again
 * in 1 s, doubling up to {@link #MAX_RETRY} (or {@code refresh}, if shorter). A token arriving while
 * no set is loaded fetches at once (at most every {@link #NO_SET_GAP}); a token whose {@code kid} the
 * set lacks fetches at once, but at most once per {@code refresh}, so made-up key ids cannot make the
 * gateway flood the identity provider. Concurrent callers share one fetch.
 */
public final class JwksKeySet {
    private static final System.Logger LOG = System.getLogger(JwksKeySet.class.getName());
    static final Duration NO_SET_GAP = Duration.ofMillis(250);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** What {@code /health} shows: a set is in use or not, and the last fetch's outcome. */
    public record Status(boolean loaded, int keys, boolean lastFetchFailed, Optional<String> lastError,
                         Optional<Instant> loadedAt, long failures) {
        /** No key to verify with: every token is refused. */
        public boolean failing() {
            return !loaded;
        }
    }

    private record Loaded(JsonWebKeySet set, DefaultJWTParser parser, Instant at) {
    }

    private final GatewayConfig.Jwks config;
    private final Function<String, DefaultJWTParser> parserForContent;
    private final HttpClient http;
    private final Clock clock;
    private final ReentrantLock fetching = new ReentrantLock();
    private final AtomicLong failures = new AtomicLong();
    private volatile Loaded loaded;
    private volatile Instant lastAttempt = Instant.MIN;
    private volatile Instant lastKidFetch = Instant.MIN;
    private volatile String lastError;
    private int consecutiveFailures;

    JwksKeySet(GatewayConfig.Jwks config, Function<String, DefaultJWTParser> parserForContent) {
        this.config = config;
        this.parserForContent = parserForContent;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.clock = Clock.systemUTC();
    }

    /** Fetches now (on a virtual thread) and then on the schedule described above. */
    public void start(ScheduledExecutorService scheduler) {
        Thread.ofVirtual().name("wsfleet-jwks").start(() -> fetchAndReschedule(scheduler));
    }

    /** The parser for a token, fetching first if the set is missing or lacks the token's {@code kid}; null if no set is loaded. */
    DefaultJWTParser parserFor(String token) {
        Loaded current = loaded;
        if (current == null) {
            fetchUnlessFetchedWithin(NO_SET_GAP, false);
        } else if (lacksKey(current.set(), token)) {
            fetchUnlessFetchedWithin(config.refresh(), true);
        }
        current = loaded;
        return current == null ? null : current.parser();
    }

    /**
     * Fetches unless the last fetch (the last one for an unknown {@code kid}, when {@code forKid}) began
     * less than {@code gap} ago, or began while this caller waited: that fetch answers for both.
     */
    private void fetchUnlessFetchedWithin(Duration gap, boolean forKid) {
        Instant asked = clock.instant();
        fetching.lock();
        try {
            Instant last = forKid ? lastKidFetch : lastAttempt;
            if (lastAttempt.isBefore(asked) && !last.plus(gap).isAfter(asked)) {
                if (forKid) {
                    lastKidFetch = asked;
                }
                fetch();
            }
        } finally {
            fetching.unlock();
        }
    }

    public Status status() {
        Loaded current = loaded;
        String error = lastError;
        return new Status(current != null, current == null ? 0 : current.set().getJsonWebKeys().size(),
                error != null, Optional.ofNullable(error), Optional.ofNullable(current).map(Loaded::at), failures.get());
    }

    /** Failed fetches since start (bad status, not a key set, unreachable). */
    public long failures() {
        return failures.get();
    }

    private void fetchAndReschedule(ScheduledExecutorService scheduler) {
        Duration next;
        fetching.lock();
        try {
            next = fetch() ? config.refresh() : retryDelay();
        } finally {
            fetching.unlock();
        }
        try {
            scheduler.schedule(() -> start(scheduler), next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // The gateway is shutting down.
        }
    }

    /** Caller holds {@link #fetching}. 1 s after the first failure in a row, doubling, at most MAX_RETRY or the refresh interval. */
    private Duration retryDelay() {
        int shift = Math.min(consecutiveFailures - 1, 10);
        Duration delay = Duration.ofSeconds(1L << Math.max(shift, 0));
        Duration cap = config.refresh().compareTo(MAX_RETRY) < 0 ? config.refresh() : MAX_RETRY;
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    /** Caller holds {@link #fetching}. True if a set was loaded. */
    private boolean fetch() {
        lastAttempt = clock.instant();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(config.uri()).timeout(REQUEST_TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return failed("HTTP status " + response.statusCode());
            }
            JsonWebKeySet set = parse(response.body());
            if (set == null) {
                return failed("the answer is not a JSON Web Key Set (Content-Type "
                        + response.headers().firstValue("Content-Type").orElse("none") + ")");
            }
            if (set.getJsonWebKeys().isEmpty()) {
                return failed("the key set holds no key");
            }
            boolean healed = lastError != null;
            loaded = new Loaded(set, parserForContent.apply(response.body()), clock.instant());
            lastError = null;
            consecutiveFailures = 0;
            if (healed) {
                LOG.log(Level.INFO, "JWKS from {0} loaded again: {1} keys", config.uri(),
                        String.valueOf(set.getJsonWebKeys().size()));
            }
            return true;
        } catch (IOException e) {
            return failed("unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted");
        }
    }

    private boolean failed(String reason) {
        failures.incrementAndGet();
        consecutiveFailures++;
        lastError = reason;
        Loaded current = loaded;
        LOG.log(Level.WARNING, "JWKS fetch from {0} failed: {1}; {2}", config.uri(), reason,
                current == null ? "no key set yet, tokens are refused until one is fetched"
                        : "the " + current.set().getJsonWebKeys().size() + " keys fetched before stay in use");
        return false;
    }

    private static JsonWebKeySet parse(String body) {
        try {
            return new JsonWebKeySet(body);
        } catch (JoseException | RuntimeException notASet) {
            return null;
        }
    }

    /** Whether the token names a {@code kid} that the set does not hold (a token without one uses the set as is). */
    private static boolean lacksKey(JsonWebKeySet set, String token) {
        String kid;
        try {
            kid = ((JsonWebSignature) JsonWebSignature.fromCompactSerialization(token)).getKeyIdHeaderValue();
        } catch (JoseException | RuntimeException malformed) {
            return false;
        }
        return kid != null && set.getJsonWebKeys().stream().noneMatch(key -> kid.equals(key.getKeyId()));
    }
}
