package io.wsfleet.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The kernel's load averages over 1, 5 and 15 minutes ({@code /proc/loadavg}): how busy the shared cores were. */
public record LoadAverage(double oneMinute, double fiveMinutes, double fifteenMinutes) {

    /** Now, or empty where the kernel does not tell. */
    public static Optional<LoadAverage> now() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return Optional.of(new LoadAverage(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
                    Double.parseDouble(fields[2])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return oneMinute + ", " + fiveMinutes + ", " + fifteenMinutes;
    }
}
