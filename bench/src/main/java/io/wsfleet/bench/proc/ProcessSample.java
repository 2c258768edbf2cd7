package io.wsfleet.bench.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One reading of a process from {@code /proc}: user and system CPU time and resident memory. CPU
 * times are in clock ticks of {@link #TICKS_PER_SECOND} (Linux reports 100 a second on x86-64).
 */
public record ProcessSample(long userTicks, long systemTicks, long rssBytes) {
    public static final double TICKS_PER_SECOND = 100.0;

    public static ProcessSample of(long pid) {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        try {
            return parse(Files.readString(stat));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stat, e);
        }
    }

    /** A {@code stat} file's figures: a process's, or one thread's ({@code /proc/<pid>/task/<tid>/stat}). */
    public static ProcessSample parse(String stat) {
        // Fields after the command name, which is in parentheses and may contain spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long user = Long.parseLong(fields[11]);
        long system = Long.parseLong(fields[12]);
        long rssPages = Long.parseLong(fields[21]);
        return new ProcessSample(user, system, rssPages * 4096);
    }

    /** User and system CPU seconds since the process (or thread) started. */
    public double cpuSeconds() {
        return (userTicks + systemTicks) / TICKS_PER_SECOND;
    }

    /** CPU used between {@code earlier} and this sample. */
    public Cpu cpuSince(ProcessSample earlier) {
        return new Cpu((userTicks - earlier.userTicks) / TICKS_PER_SECOND,
                (systemTicks - earlier.systemTicks) / TICKS_PER_SECOND);
    }

    /** CPU seconds spent in user space and in the kernel. */
    public record Cpu(double userSeconds, double systemSeconds) {
        public static final Cpu NONE = new Cpu(0, 0);

        public double totalSeconds() {
            return userSeconds + systemSeconds;
        }

        public Cpu plus(Cpu other) {
            return new Cpu(userSeconds + other.userSeconds, systemSeconds + other.systemSeconds);
        }
    }
}
