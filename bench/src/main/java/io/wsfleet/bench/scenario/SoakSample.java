package io.wsfleet.bench.scenario;

import java.time.Duration;

/**
 * One reading of the soak, taken after a full GC on the gateway: the open client connections, the
 * gateway's heap after GC, RSS, open file descriptors and threads, and its Redis's keys (all of them,
 * and those with a time to live) and memory.
 */
public record SoakSample(Duration at, String phase, int connections, long heapBytes, long rssBytes, long openFiles,
                         long threads, long redisKeys, long redisExpiringKeys, long redisMemoryBytes) {

    /** The keys nothing removes by itself: one that stays after its clients left is a leak. */
    public long redisKeysWithoutExpiry() {
        return redisKeys - redisExpiringKeys;
    }
}
