package io.wsfleet.gateway.auth;

import java.lang.System.Logger.Level;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.wsfleet.gateway.config.ConfigException;

/**
 * Follows a key file while the gateway runs: reads it every interval and, when it holds other keys,
 * rotates to them. The key is compared, not the file's events or times: the kubelet updates a Secret volume
 * by swapping the {@code ..data} symlink of the folder, which an inotify watch on the file never sees.
 * A file that holds no valid key (a wrong value, a write caught half-way) is logged and counted, and the
 * keys in use stay. Open connections are never touched: a token is checked once, at the upgrade.
 */
public final class KeyFileWatcher {
    private static final System.Logger LOG = System.getLogger(KeyFileWatcher.class.getName());

    private final KeyFile file;
    private final RotatingKeys<DefaultJWTParser> keys;
    private final Function<Key, DefaultJWTParser> parserOf;
    private final Duration interval;
    private final AtomicLong rotations = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    /** The parser of each key that still verifies, so that a key kept by a rotation keeps its parser and stays one key. */
    private final Map<Key, DefaultJWTParser> parsers = new HashMap<>();
    private List<Key> loaded;
    private boolean failing;

    private KeyFileWatcher(KeyFile file, Function<Key, DefaultJWTParser> parserOf, Duration overlap, Duration interval) {
        this.file = file;
        this.parserOf = parserOf;
        this.interval = interval;
        this.loaded = file.read();
        this.keys = new RotatingKeys<>(parsersOf(loaded), overlap, Clock.systemUTC());
    }

    /** Reads the file's keys now (a {@link ConfigException} if it holds none) and follows it once started. */
    static KeyFileWatcher read(KeyFile file, Function<Key, DefaultJWTParser> parserOf, Duration overlap, Duration interval) {
        return new KeyFileWatcher(file, parserOf, overlap, interval);
    }

    /** The keys that verify tokens now. */
    RotatingKeys<DefaultJWTParser> keys() {
        return keys;
    }

    public void start(ScheduledExecutorService scheduler) {
        long period = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::checkQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    /** Times the file held a new key, since start. */
    public long rotations() {
        return rotations.get();
    }

    /** Reads that found no valid key, since start. */
    public long failures() {
        return failures.get();
    }

    /** Keys that verify tokens now: those of the file, and more during the overlap after a rotation. */
    public int liveKeys() {
        return keys.live().size();
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            // The timer must keep running: the next read gets another chance.
            failures.incrementAndGet();
            LOG.log(Level.WARNING, "checking the key file " + file.path() + " failed", e);
        }
    }

    /** One read; runs on the single timer thread only. */
    void check() {
        List<Key> next;
        try {
            next = file.read();
        } catch (ConfigException e) {
            failures.incrementAndGet();
            if (!failing) {
                LOG.log(Level.WARNING, "the key file holds no valid key; the keys in use stay: {0}", e.getMessage());
            }
            failing = true;
            return;
        }
        failing = false;
        if (next.equals(loaded)) {
            return;
        }
        Instant until = keys.rotate(parsersOf(next));
        parsers.values().retainAll(keys.live());
        loaded = next;
        rotations.incrementAndGet();
        LOG.log(Level.INFO, "JWT verification keys rotated from {0}: {1} key(s) in the file verify tokens; a key it no"
                + " longer holds still verifies until {2}", file.path(), next.size(), until);
    }

    private List<DefaultJWTParser> parsersOf(List<Key> fileKeys) {
        return fileKeys.stream().map(key -> parsers.computeIfAbsent(key, parserOf)).toList();
    }
}
