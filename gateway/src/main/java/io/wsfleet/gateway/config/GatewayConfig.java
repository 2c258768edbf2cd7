package io.wsfleet.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.wsfleet.gateway.http.IpRange;

/** The whole, validated gateway configuration. Built by {@link ConfigLoader}; immutable. */
public record GatewayConfig(Reload reload,
                            Environment environment,
                            Server server,
                            Auth auth,
                            Session session,
                            Rooms rooms,
                            Presence presence,
                            Limits limits,
                            History history,
                            Drain drain,
                            Rebalance rebalance,
                            Origins origins,
                            Clients clients,
                            Admin admin,
                            Logging logging,
                            Optional<Redis> redis,
                            Optional<Tls> tls) {

    /**
     * The configuration files watched while the gateway runs (the {@code WSFLEET_CONFIG} file, the
     * room seed file), checked every {@code interval}; limits and room seeds apply live.
     */
    public record Reload(List<Path> watchedFiles, Duration interval) {
        public Reload {
            watchedFiles = List.copyOf(watchedFiles);
        }
    }

    /** Listening sockets: the public WebSocket port and the admin port (health, publish API). */
    public record Server(String host, int port, int adminPort) {
    }

    /**
     * Token verification: HS256 with {@code jwtSecret} or the secret in the file {@code jwtSecretFile}, or
     * RS256/ES256 with the PEM public key at {@code publicKeyPath} or the keys of a JSON Web Key Set
     * ({@code jwks}); at most one of the four. The two files are re-read as {@code keyFiles} says. With
     * none set the gateway runs in development mode with a generated secret.
     */
    public record Auth(Optional<String> jwtSecret,
                       Optional<Path> jwtSecretFile,
                       Optional<Path> publicKeyPath,
                       Optional<Jwks> jwks,
                       JwtAlgorithm algorithm,
                       Optional<String> issuer,
                       Optional<String> audience,
                       Duration clockSkew,
                       KeyFiles keyFiles) {

        /** RFC 7518 3.2: an HS256 key must be at least as long as the hash output (256 bits). */
        public static final int MIN_SECRET_LENGTH = 32;

        public boolean developmentMode() {
            return jwtSecret.isEmpty() && jwtSecretFile.isEmpty() && publicKeyPath.isEmpty() && jwks.isEmpty();
        }
    }

    /**
     * How a key file (the secret file or the public key) is followed: read again every {@code reloadInterval};
     * when it holds a new key, that key verifies tokens at once and the one before still does for
     * {@code overlap}, so that clients holding tokens of the old key are not refused during a rotation.
     */
    public record KeyFiles(Duration reloadInterval, Duration overlap) {
    }

    /**
     * An identity provider's JSON Web Key Set at an {@code http(s)://} URL: a token's {@code kid} picks
     * the key. The set is fetched again every {@code refresh}, and sooner (at most once per
     * {@code refresh}) when a token names a key the set lacks.
     */
    public record Jwks(URI uri, Duration refresh) {
    }

    /**
     * Per-connection bounds: the largest client message, the outbound queue of a slow reader, the
     * interval of server pings and the silence after which a connection (or an unfinished handshake)
     * is closed, and how long a client message id is remembered to refuse duplicates.
     */
    public record Session(int maxMessageBytes, int outboundQueueBytes, Duration shutdownGrace,
                          Duration pingInterval, Duration idleTimeout, Duration dedupWindow) {
    }

    /**
     * The room directory seed file, what joining a room that is not in the directory does, and the
     * Fernet key for rooms whose messages cross Redis encrypted.
     */
    public record Rooms(Optional<Path> seedFile, UnknownRoomPolicy unknownRooms, Optional<String> encryptionKey) {
    }

    /**
     * How much of each stream (a room's messages, a user's direct messages) is kept for recovery and
     * history: the last {@code size} publications (0: none), each for at most {@code ttl}. Follows the
     * watched configuration file; rooms may override it in the room seed.
     */
    public record History(int size, Duration ttl) {
    }

    /**
     * A paced drain (SIGTERM or {@code POST /admin/drain}): readiness turns down, the gateway waits
     * {@code deregistrationDelay} for load balancers to stop sending new connections, then closes its
     * connections with 1012 spread over {@code window} (zero: all at once).
     */
    public record Drain(Duration deregistrationDelay, Duration window) {
    }

    /**
     * Rebalancing across gateways sharing a Redis: a gateway more than {@code marginPercent} above the
     * fleet's mean connection count closes connections with 1012, at most {@code maxShedsPerSecond}.
     */
    public record Rebalance(boolean enabled, int marginPercent, int maxShedsPerSecond) {
    }

    /**
     * Whether {@code user_online}/{@code user_offline} are announced to every connected user; and how long
     * the rooms of a connection the server closed with a reconnect-now code (a drain, a shed) keep its user
     * before they hear {@code user_left}: a user who is back within it is never seen leaving (zero: at once).
     */
    public record Presence(boolean announceOnline, Duration reconnectGrace) {
    }

    /**
     * Abuse limits with the seed's defaults: concurrent connections per user, client messages per user
     * per minute, new connections per client IP per hour; and the rooms one connection may be in.
     */
    public record Limits(int maxConnectionsPerUser, int messagesPerMinute, int connectionsPerIpPerHour,
                         int maxRoomsPerConnection) {
    }

    /**
     * Which web pages may open WebSockets (against cross-site WebSocket hijacking). Browsers always send
     * {@code Origin}; with no list configured only same-origin pages are admitted (the Origin's host and
     * port equal the request's Host); {@code anyOrigin} (the explicit {@code *}) admits every page.
     * Clients without an {@code Origin} header are not browsers.
     */
    public record Origins(Set<String> allowed, boolean anyOrigin, boolean allowMissing) {
        public Origins {
            allowed = Set.copyOf(allowed);
        }
    }

    /**
     * How to find a client's address behind load balancers: proxies whose {@code X-Forwarded-For} is
     * believed, and whether connections start with a PROXY protocol header (an AWS NLB can send one).
     */
    public record Clients(List<IpRange> trustedProxies, boolean proxyProtocol) {
        public Clients {
            trustedProxies = List.copyOf(trustedProxies);
        }
    }

    /** The server-side publish API key; without one the API refuses every call. */
    public record Admin(Optional<String> apiKey) {
    }

    /**
     * How the gateway logs: plain text lines or one JSON object per line, and the level of its own
     * loggers ({@code io.wsfleet}); an empty level leaves the one {@code logging.properties} set.
     */
    public record Logging(LogFormat format, Optional<LogLevel> level) {
    }

    /**
     * Redis for cluster fan-out: when present, the gateway is a cluster member. {@code uris} are
     * {@code redis://} or {@code rediss://} URIs (one for a standalone server, one or more seeds for a
     * Redis Cluster, where fan-out uses sharded pub/sub), or one {@code redis-sentinel://} URI when
     * {@code sentinel}: the Sentinels that name the current master of a replicated Redis, which may ask
     * for {@code sentinelPassword}; {@code prefix} starts every channel and key, so that several wsfleet
     * clusters can share one Redis.
     */
    public record Redis(List<String> uris, boolean cluster, boolean sentinel, Optional<String> sentinelPassword,
                        String prefix, Duration presenceLease) {
        public Redis {
            uris = List.copyOf(uris);
        }
    }

    /**
     * PEM certificate chain and private key for {@code wss://} on the public port, re-read when they
     * change on disk (checked every {@code reloadInterval}).
     */
    public record Tls(Path certPath, Path keyPath, Duration reloadInterval) {
    }

    /**
     * Production refuses to start without a configured key; development generates one and prints it.
     * The seed's {@code ENVIRONMENT} variable; production unless said otherwise.
     */
    public enum Environment { PRODUCTION, DEVELOPMENT }

    /** Log line format. */
    public enum LogFormat { TEXT, JSON }

    /** Levels of the gateway's own loggers, as {@link System.Logger.Level} names them. */
    public enum LogLevel { ERROR, WARNING, INFO, DEBUG, TRACE }

    /** Signature algorithms the gateway verifies. */
    public enum JwtAlgorithm { HS256, RS256, ES256 }

    /** What joining a room that the directory does not know does. */
    public enum UnknownRoomPolicy {
        /** The room is treated as public: anyone authenticated may join (rooms are created on first join). */
        PUBLIC,
        /** The join is refused with {@code room_not_found}. */
        REJECT
    }
}
