package io.wsfleet.bench.scenario;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a running JVM chose for itself, from {@code jcmd <pid> VM.flags}: its heap sizes and its collector
 * (ergonomics pick both from the memory and CPUs it sees, a container's limit included).
 */
public record JvmFlags(long maxHeapBytes, long initialHeapBytes, String collector) {
    private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");
    private static final Pattern INITIAL_HEAP = Pattern.compile("-XX:InitialHeapSize=(\\d+)");
    private static final Pattern COLLECTOR = Pattern.compile("-XX:\\+Use(Serial|Parallel|G1|Z|Shenandoah|Epsilon)GC\\b");

    static JvmFlags of(long pid) {
        return parse(JdkTool.run("jcmd", String.valueOf(pid), "VM.flags"));
    }

    static JvmFlags parse(String flags) {
        Matcher collector = COLLECTOR.matcher(flags);
        return new JvmFlags(number(MAX_HEAP, flags), number(INITIAL_HEAP, flags),
                collector.find() ? collector.group(1) : "unknown");
    }

    private static long number(Pattern flag, String flags) {
        Matcher value = flag.matcher(flags);
        if (!value.find()) {
            throw new IllegalStateException("no " + flag.pattern() + " in " + flags);
        }
        return Long.parseLong(value.group(1));
    }
}
