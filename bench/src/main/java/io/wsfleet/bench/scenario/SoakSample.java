package io.wsfleet.bench.scenario;

import java.time.Duration;

/**
 * One reading of the soak, taken after a full GC on the gateway: the open client connections, the
 * gateway's heap after GC, RSS, open file descriptors and threads, and its Redis's keys and memory.
 */
public record SoakSample(Duration at, String phase, int connections, long heapBytes, long rssBytes, long openFiles,
                         long threads, long redisKeys, long redisMemoryBytes) {
}
