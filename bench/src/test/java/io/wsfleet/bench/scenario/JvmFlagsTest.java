package io.wsfleet.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JvmFlagsTest {

    @Test
    void readsTheHeapAndCollectorTheJvmChose() {
        // jcmd VM.flags of the gateway started with the image's options in a 1 GiB memory cgroup (JDK 25)
        JvmFlags flags = JvmFlags.parse("""
                18819:
                -XX:CICompilerCount=2 -XX:+ExitOnOutOfMemoryError -XX:InitialHeapSize=16777216 \
                -XX:MaxHeapSize=805306368 -XX:MaxNewSize=268435456 -XX:MaxRAM=1073741824 \
                -XX:MaxRAMPercentage=75.000000 -XX:+UseCompressedOops -XX:-UsePerfData -XX:+UseSerialGC
                """);

        assertThat(flags).isEqualTo(new JvmFlags(768L << 20, 16L << 20, "Serial"));
    }
}
