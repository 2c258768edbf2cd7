package io.wsfleet.bench.scenario;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The heap a JVM still uses after a full GC, asked with {@code jcmd} from the JDK running the harness. */
final class JvmHeap {
    /**
     * The figure of a heap or generation line of {@code GC.heap_info}: G1 has one line for its whole heap
     * ({@code garbage-first heap total ..., used 12325K}), Serial and Parallel one per generation
     * ({@code DefNew total 9024K, used 126K}, {@code Tenured ...}); spaces inside a generation give a
     * percentage instead, and Metaspace (which older JDKs list too) is not heap.
     */
    private static final Pattern USED = Pattern.compile("(?m)^(?!\\s*(?:Metaspace|class space)).*?\\bused (\\d+)K");

    private JvmHeap() {
    }

    static long usedAfterGc(long pid) {
        JdkTool.run("jcmd", String.valueOf(pid), "GC.run");
        return used(JdkTool.run("jcmd", String.valueOf(pid), "GC.heap_info"));
    }

    /** The heap used in a {@code GC.heap_info} answer: every generation's. */
    static long used(String heapInfo) {
        Matcher used = USED.matcher(heapInfo);
        long kilobytes = 0;
        boolean found = false;
        while (used.find()) {
            kilobytes += Long.parseLong(used.group(1));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("no heap figure in " + heapInfo);
        }
        return kilobytes * 1024;
    }
}
