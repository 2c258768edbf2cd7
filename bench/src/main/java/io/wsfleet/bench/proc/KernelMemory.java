package io.wsfleet.bench.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel's slab memory ({@code Slab} in {@code /proc/meminfo}), where socket buffers and structures live. */
public final class KernelMemory {

    private KernelMemory() {
    }

    public static long slabBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("Slab:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IllegalStateException("no Slab line in /proc/meminfo");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
