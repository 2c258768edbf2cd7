package io.wsfleet.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import io.wsfleet.bench.SystemKind;
import org.junit.jupiter.api.Test;

class IdleMemoryTest {
    private static final long KB = 1024;

    @Test
    void theGatewaysBudgetIsItsLiveHeapAndItsNativeGrowth() {
        // per connection: RSS 7 KB (native only, the heap is pre-touched), heap after GC 30 KB, slab 8 KB for both ends
        IdleMemory.Result gateway = new IdleMemory.Result(SystemKind.GATEWAY, points(7 * KB, 30 * KB, 8 * KB));

        assertThat(gateway.budgetPerConnection()).isCloseTo(37 * KB, within(0.01));
        assertThat(gateway.allInPerConnection()).isCloseTo(41 * KB, within(0.01));
    }

    @Test
    void socketIosBudgetIsItsRssAfterAGcWhichHoldsItsHeap() {
        IdleMemory.Result socketIo = new IdleMemory.Result(SystemKind.SOCKETIO, points(13 * KB, 11 * KB, 8 * KB));

        assertThat(socketIo.budgetPerConnection()).isCloseTo(13 * KB, within(0.01));
        assertThat(socketIo.livePerConnection()).isCloseTo(11 * KB, within(0.01));
        assertThat(socketIo.allInPerConnection()).isCloseTo(17 * KB, within(0.01));
    }

    private static List<IdleMemory.Point> points(long rss, long live, long slab) {
        return List.of(0, 1000, 2000, 3000).stream().map(n -> new IdleMemory.Point(n, 100_000_000 + n * rss,
                10_000_000 + n * live, 200_000_000 + n * slab)).toList();
    }
}
