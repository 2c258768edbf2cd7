package io.wsfleet.bench.scenario;

import java.util.function.ToLongFunction;

/**
 * What the soak watches, with how far above its baseline each may stay once the clients are gone.
 * The allowances are what a process keeps without leaking: heap after GC moves by what a full GC
 * leaves of caches and metrics; RSS keeps the code cache and malloc arenas that the load grew; a
 * few descriptors and threads come and go with timers and pools. Redis keys without an expiry must be
 * exactly back; keys with one (rate-limit windows, kept history, stream positions) are shown but not
 * judged: they go by themselves, and Redis memory, which they hold, is judged.
 */
public enum SoakMetric {
    HEAP("heap after GC", "MB", SoakSample::heapBytes, 16L << 20),
    RSS("resident memory (RSS)", "MB", SoakSample::rssBytes, 96L << 20),
    OPEN_FILES("open file descriptors", "count", SoakSample::openFiles, 16),
    THREADS("OS threads", "count", SoakSample::threads, 16),
    REDIS_KEYS_WITHOUT_EXPIRY("Redis keys without an expiry", "count", SoakSample::redisKeysWithoutExpiry, 0),
    REDIS_KEYS_WITH_EXPIRY("Redis keys with an expiry", "count", SoakSample::redisExpiringKeys, SoakMetric.NOT_JUDGED),
    REDIS_MEMORY("Redis used_memory", "MB", SoakSample::redisMemoryBytes, 2L << 20);

    private static final long NOT_JUDGED = -1;

    private final String label;
    private final String unit;
    private final ToLongFunction<SoakSample> reading;
    private final long allowance;

    SoakMetric(String label, String unit, ToLongFunction<SoakSample> reading, long allowance) {
        this.label = label;
        this.unit = unit;
        this.reading = reading;
        this.allowance = allowance;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public long of(SoakSample sample) {
        return reading.applyAsLong(sample);
    }

    /** Whether the end must come back within an allowance of the baseline. */
    public boolean judged() {
        return allowance != NOT_JUDGED;
    }

    /** How much above the baseline the end may be (for a judged metric). */
    public long allowance() {
        return allowance;
    }

    /** The value in its unit, for tables and charts. */
    public double scaled(long value) {
        return unit.equals("MB") ? value / 1048576.0 : value;
    }

    public boolean withinAllowance(SoakSample baseline, SoakSample end) {
        return !judged() || of(end) <= of(baseline) + allowance;
    }
}
