package io.wsfleet.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GcCpuTest {

    @Test
    void theCollectorsThreadsAreGcThreadsAndNoOthers() {
        // names as /proc/<pid>/task/*/comm shows them in a JDK 25 gateway (G1, then Serial's VM thread)
        assertThat(GcCpu.isGcThread("GC Thread#0")).isTrue();
        assertThat(GcCpu.isGcThread("GC Thread#1")).isTrue();
        assertThat(GcCpu.isGcThread("G1 Main Marker")).isTrue();
        assertThat(GcCpu.isGcThread("G1 Conc#0")).isTrue();
        assertThat(GcCpu.isGcThread("G1 Refine#0")).isTrue();
        assertThat(GcCpu.isGcThread("G1 Service")).isTrue();
        assertThat(GcCpu.isGcThread("VM Thread")).isTrue();

        assertThat(GcCpu.isGcThread("java")).isFalse();
        assertThat(GcCpu.isGcThread("VM Periodic Tas")).isFalse();
        assertThat(GcCpu.isGcThread("C2 CompilerThre")).isFalse();
        assertThat(GcCpu.isGcThread("C1 CompilerThre")).isFalse();
        assertThat(GcCpu.isGcThread("Reference Handl")).isFalse();
        assertThat(GcCpu.isGcThread("Finalizer")).isFalse();
        assertThat(GcCpu.isGcThread("Signal Dispatch")).isFalse();
        assertThat(GcCpu.isGcThread("ForkJoinPool-1-")).isFalse();
        assertThat(GcCpu.isGcThread("lettuce-nioEven")).isFalse();
    }

    @Test
    void theShareIsCollectingOverAllBetweenTwoReadings() {
        GcCpu earlier = new GcCpu(1.0, 20.0);
        GcCpu later = new GcCpu(1.5, 30.0);

        assertThat(later.minus(earlier).share()).isCloseTo(0.05, within(1e-9));
        assertThat(later.share()).isCloseTo(0.05, within(1e-9));
        assertThat(GcCpu.NONE.share()).isZero();
    }
}
