package io.wsfleet.bench.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wsfleet.bench.Pause;

/**
 * A memory cgroup (v1) of its own under the harness's, with a limit, for one server to run in as in a pod:
 * the process enters it before it starts (see {@link #launcher()}), so that the JVM sizes its heap from the
 * limit, and the kernel charges and enforces its memory there. Closing removes the cgroup, once nothing is
 * in it any more; no process is moved.
 */
public final class MemoryCgroup implements AutoCloseable {
    private static final Path HIERARCHY = Path.of("/sys/fs/cgroup/memory");
    /** A line of {@code /proc/self/cgroup} for the v1 memory controller: {@code 4:memory:/some/path}. */
    private static final Pattern MEMORY_LINE = Pattern.compile("(?m)^\\d+:(?:[^:]*,)?memory(?:,[^:]*)?:(.*)$");
    private static final Pattern OOM_KILLS = Pattern.compile("(?m)^oom_kill (\\d+)$");
    private static final AtomicInteger CREATED = new AtomicInteger();

    private final Path directory;

    private MemoryCgroup(Path directory) {
        this.directory = directory;
    }

    /** What the kernel counts for the cgroup: now, at its highest so far, and how often the limit was hit. */
    public record Usage(long usageBytes, long maxUsageBytes, long failCount) {
    }

    /** Why a child memory cgroup cannot be made here, or empty when it can. */
    public static Optional<String> unavailable() {
        try {
            Optional<Path> own = own();
            if (own.isEmpty()) {
                return Optional.of("no cgroup v1 memory controller in /proc/self/cgroup (cgroup v2 only?)");
            }
            if (!Files.isRegularFile(own.get().resolve("memory.limit_in_bytes"))) {
                return Optional.of("the harness's memory cgroup " + own.get() + " is not there: cgroup v1's memory "
                        + "controller is not mounted at " + HIERARCHY);
            }
            if (!Files.isWritable(own.get())) {
                return Optional.of("cannot create cgroups under " + own.get() + ": needs root");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot read /proc/self/cgroup: " + e.getMessage());
        }
    }

    /** Creates a child of the harness's own memory cgroup, limited to {@code limitBytes}, or fails saying why not. */
    public static MemoryCgroup create(String name, long limitBytes) {
        unavailable().ifPresent(reason -> {
            throw new IllegalStateException("a memory cgroup is needed to run a server inside a memory limit: " + reason);
        });
        try {
            Path directory = own().orElseThrow().resolve(name + "-" + ProcessHandle.current().pid() + "-"
                    + CREATED.incrementAndGet());
            Files.createDirectory(directory);
            MemoryCgroup cgroup = new MemoryCgroup(directory);
            try {
                Files.writeString(directory.resolve("memory.limit_in_bytes"), String.valueOf(limitBytes));
            } catch (IOException e) {
                cgroup.close();
                throw e;
            }
            return cgroup;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a memory cgroup with a limit (needs root and cgroup v1's "
                    + "memory controller): " + e, e);
        }
    }

    private static Optional<Path> own() throws IOException {
        Matcher line = MEMORY_LINE.matcher(Files.readString(Path.of("/proc/self/cgroup")));
        return line.find() ? Optional.of(HIERARCHY.resolve(line.group(1).substring(1))) : Optional.empty();
    }

    /**
     * The start of a command that runs the rest of it inside this cgroup: a shell that moves itself in and
     * then becomes the program (same pid), so that the program's first allocation is already charged here.
     */
    public List<String> launcher() {
        return List.of("sh", "-c", "echo $$ > '" + directory.resolve("cgroup.procs") + "' && exec \"$@\"", "sh");
    }

    public Path directory() {
        return directory;
    }

    /** The limit as the kernel keeps it (a multiple of the page size). */
    public long limitBytes() {
        return number("memory.limit_in_bytes");
    }

    public Usage usage() {
        return new Usage(number("memory.usage_in_bytes"), number("memory.max_usage_in_bytes"), number("memory.failcnt"));
    }

    /** How many processes of this cgroup the kernel killed for memory (0 on a kernel that does not count them). */
    public long oomKills() {
        Matcher kills = OOM_KILLS.matcher(read("memory.oom_control"));
        return kills.find() ? Long.parseLong(kills.group(1)) : 0;
    }

    private long number(String file) {
        return Long.parseLong(read(file).strip());
    }

    private String read(String file) {
        try {
            return Files.readString(directory.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the cgroup; its processes must have exited (the kernel refuses while one is in it, or a moment after). */
    @Override
    public void close() {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.deleteIfExists(directory);
                return;
            } catch (IOException e) {
                if (attempt == 10) {
                    System.out.println("could not remove the memory cgroup " + directory + ": " + e);
                    return;
                }
                Pause.of(Duration.ofMillis(500));
            }
        }
    }
}
