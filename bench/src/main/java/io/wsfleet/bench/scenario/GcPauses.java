package io.wsfleet.bench.scenario;

import java.util.Arrays;
import java.util.List;

/**
 * The stop-the-world collections of a JVM so far, read with {@code jstat -gc}: young and full
 * collections and the pauses of concurrent cycles, and their total time. A step's difference shows
 * whether its p99 is the server's work or a collector pause that a few percent of deliveries waited out.
 */
public record GcPauses(long count, double seconds) {
    public static final GcPauses NONE = new GcPauses(0, 0);
    private static final List<String> COUNTS = List.of("YGC", "FGC", "CGC");

    static GcPauses of(long pid) {
        String[] lines = JdkTool.run("jstat", "-gc", String.valueOf(pid)).strip().split("\n");
        List<String> names = Arrays.asList(lines[0].trim().split("\\s+"));
        String[] values = lines[lines.length - 1].trim().split("\\s+");
        long count = 0;
        for (String name : COUNTS) {
            int column = names.indexOf(name);
            count += column < 0 ? 0 : Long.parseLong(values[column]);
        }
        return new GcPauses(count, Double.parseDouble(values[names.indexOf("GCT")]));
    }

    GcPauses since(GcPauses earlier) {
        return new GcPauses(count - earlier.count, seconds - earlier.seconds);
    }

    GcPauses plus(GcPauses other) {
        return new GcPauses(count + other.count, seconds + other.seconds);
    }
}
