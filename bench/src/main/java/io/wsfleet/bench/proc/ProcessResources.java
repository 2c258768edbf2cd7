package io.wsfleet.bench.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What a process holds besides memory, from {@code /proc}: open file descriptors and OS threads. */
public record ProcessResources(long openFiles, long threads) {

    public static ProcessResources of(long pid) {
        Path proc = Path.of("/proc", String.valueOf(pid));
        try (Stream<Path> files = Files.list(proc.resolve("fd"))) {
            long openFiles = files.count();
            long threads = Files.readAllLines(proc.resolve("status")).stream()
                    .filter(line -> line.startsWith("Threads:"))
                    .mapToLong(line -> Long.parseLong(line.substring("Threads:".length()).trim()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no Threads line for pid " + pid));
            return new ProcessResources(openFiles, threads);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc for pid " + pid, e);
        }
    }

    /** How many files the process may open (the soft limit, {@code Max open files} in {@code /proc/<pid>/limits}). */
    public static long openFileLimit(long pid) {
        Path limits = Path.of("/proc", String.valueOf(pid), "limits");
        try {
            return Files.readAllLines(limits).stream()
                    .filter(line -> line.startsWith("Max open files"))
                    .map(line -> line.substring("Max open files".length()).trim().split("\\s+")[0])
                    .mapToLong(soft -> soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no Max open files line in " + limits));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + limits, e);
        }
    }
}
