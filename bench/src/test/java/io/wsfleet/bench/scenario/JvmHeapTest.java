package io.wsfleet.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code jcmd GC.heap_info} answers as JDK 25 and JDK 21 print them. */
class JvmHeapTest {

    @Test
    void g1HasOneFigureForItsWholeHeap() {
        assertThat(JvmHeap.used("""
                18937:
                garbage-first heap   total reserved 65536K, committed 65536K, used 12325K [0x00000000fc000000, 0x0000000100000000)
                 region size 1024K, 10 young (10240K), 2 survivors (2048K)
                """)).isEqualTo(12325L * 1024);
    }

    @Test
    void serialsGenerationsAddUpAndTheirSpacesAndMetaspaceDoNot() {
        // what a gateway in a 1 GiB pod prints: the JVM picks Serial there
        assertThat(JvmHeap.used("""
                18819:
                DefNew     total 9024K, used 126K [0x00000000d0000000, 0x00000000d09c0000, 0x00000000e0000000)
                 eden space 8064K,   1% used [0x00000000d0000000, 0x00000000d001f9e8, 0x00000000d07e0000)
                 from space 960K,   0% used [0x00000000d07e0000, 0x00000000d07e0000, 0x00000000d08d0000)
                 to   space 960K,   0% used [0x00000000d08d0000, 0x00000000d08d0000, 0x00000000d09c0000)
                Tenured    total 19936K, used 11960K [0x00000000e0000000, 0x00000000e1378000, 0x0000000100000000)
                 the  space 19936K,  59% used [0x00000000e0000000, 0x00000000e0bae040, 0x00000000e1378000)
                 Metaspace       used 23000K, committed 23296K, reserved 1114112K
                  class space    used 2500K, committed 2624K, reserved 1048576K
                """)).isEqualTo((126L + 11960) * 1024);
    }
}
