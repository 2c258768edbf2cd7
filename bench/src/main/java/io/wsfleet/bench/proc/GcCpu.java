package io.wsfleet.bench.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU a JVM spent collecting garbage beside all it spent, since it started, from {@code /proc}: the
 * threads whose names are the collectors' ({@link #isGcThread}) against the whole process (whose figure
 * keeps the time of threads that have ended).
 */
public record GcCpu(double gcSeconds, double totalSeconds) {
    public static final GcCpu NONE = new GcCpu(0, 0);

    /**
     * Thread names (as {@code /proc/<pid>/task/<tid>/comm} shows them, cut at 15 characters) of the collectors:
     * the parallel workers of G1 and Parallel ({@code GC Thread#0}), G1's concurrent and service threads
     * ({@code G1 Main Marker}, {@code G1 Conc#0}, {@code G1 Refine#0}, {@code G1 Service}), and the VM thread,
     * in which the Serial collector (what the JVM picks with under 2 CPUs or 1792 MB) does all its work; the
     * VM thread runs the JVM's other safepoint operations too, which an idle server has few of.
     */
    private static final List<String> GC_THREAD_PREFIXES = List.of("GC Thread", "G1 ", "VM Thread");

    public static boolean isGcThread(String name) {
        return GC_THREAD_PREFIXES.stream().anyMatch(name::startsWith);
    }

    public static GcCpu of(long pid) {
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        double gc = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                gc += gcSeconds(thread);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the threads of pid " + pid, e);
        }
        return new GcCpu(gc, ProcessSample.of(pid).cpuSeconds());
    }

    private static double gcSeconds(Path thread) throws IOException {
        try {
            String name = Files.readString(thread.resolve("comm")).strip();
            String stat = Files.readString(thread.resolve("stat"));
            return isGcThread(name) ? ProcessSample.parse(stat).cpuSeconds() : 0;
        } catch (NoSuchFileException ended) {
            // ended since the listing: its time is in the process's total, its name is gone
            return 0;
        }
    }

    /** The share of the CPU time that went to collecting (0 when no time was spent at all). */
    public double share() {
        return totalSeconds == 0 ? 0 : gcSeconds / totalSeconds;
    }

    public GcCpu minus(GcCpu earlier) {
        return new GcCpu(gcSeconds - earlier.gcSeconds, totalSeconds - earlier.totalSeconds);
    }

    public GcCpu plus(GcCpu other) {
        return new GcCpu(gcSeconds + other.gcSeconds, totalSeconds + other.totalSeconds);
    }
}
