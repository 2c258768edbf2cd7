package io.wsfleet.bench.scenario;

import java.util.function.ToLongFunction;

/**
 * What the soak watches, with how far above its baseline each may stay once the clients are gone.
 * The allowances are what a process keeps without leaking: heap after GC moves by what a full GC
 * leaves of caches and metrics; RSS keeps the code cache and malloc arenas that the load grew; a
 * few descriptors and threads come and go with timers and pools. Redis keys must be exactly back.
 */
public enum SoakMetric {
    HEAP("heap after GC", "MB", SoakSample::heapBytes, 16L << 20),
    RSS("resident memory (RSS)", "MB", SoakSample::rssBytes, 96L << 20),
    OPEN_FILES("open file descriptors", "count", SoakSample::openFiles, 16),
    THREADS("OS threads", "count", SoakSample::threads, 16),
    REDIS_KEYS("Redis keys", "count", SoakSample::redisKeys, 0),
    REDIS_MEMORY("Redis used_memory", "MB", SoakSample::redisMemoryBytes, 2L << 20);

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

    /** How much above the baseline the end may be. */
    public long allowance() {
        return allowance;
    }

    /** The value in its unit, for tables and charts. */
    public double scaled(long value) {
        return unit.equals("MB") ? value / 1048576.0 : value;
    }

    public boolean withinAllowance(SoakSample baseline, SoakSample end) {
        return of(end) <= of(baseline) + allowance;
    }
}
