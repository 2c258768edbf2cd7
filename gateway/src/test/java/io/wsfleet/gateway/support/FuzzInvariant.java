package io.wsfleet.gateway.support;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import com.sun.management.ThreadMXBean;

/**
 * The invariant every fuzz target checks for each input: it is accepted, or refused with one of the
 * documented exception types; nothing else escapes, it ends within {@link #TIME_LIMIT}, and what it
 * allocates stays within {@link #allocationLimit} of its size (no length field, nesting or alias makes
 * a few bytes cost more than the machinery's fixed cost). An attempt during which classes were loaded
 * (the first to reach some code) pays a one-time cost of the JVM, not of its input: it is held to the
 * refusal rule only. While fuzzing, the fuzzer's own instrumentation allocates on the same thread, so
 * allocation is bounded there by the fork's small heap instead (an OutOfMemoryError is a finding).
 */
public final class FuzzInvariant {
    /** Far above any honest input's cost even on a busy machine with the fuzzer's instrumentation. */
    public static final Duration TIME_LIMIT = Duration.ofSeconds(5);
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();
    /** How Jazzer is told to fuzz rather than run the corpus. */
    private static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();

    /** Code under test, which may throw anything. */
    @FunctionalInterface
    public interface Attempt {
        void run() throws Exception;
    }

    private FuzzInvariant() {
    }

    /**
     * Bytes one input may allocate: a fixed allowance (building a Helidon configuration costs tens of
     * megabytes however small its file) plus a multiple of its size.
     */
    public static long allocationLimit(int inputLength) {
        return (64L << 20) + 1024L * inputLength;
    }

    /**
     * Runs {@code attempt} on the current thread and returns its refusal, or empty when it accepted the
     * input; throws {@link AssertionError} when anything but a listed refusal escapes or a bound is passed.
     */
    @SafeVarargs
    public static Optional<Throwable> check(int inputLength, Attempt attempt, Class<? extends Throwable>... refusals) {
        long classesBefore = CLASSES.getTotalLoadedClassCount();
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long started = System.nanoTime();
        Throwable refusal = null;
        try {
            attempt.run();
        } catch (Throwable thrown) {
            if (Arrays.stream(refusals).noneMatch(type -> type.isInstance(thrown))) {
                throw new AssertionError("not a documented refusal: " + thrown, thrown);
            }
            refusal = thrown;
        }
        if (CLASSES.getTotalLoadedClassCount() != classesBefore) {
            return Optional.ofNullable(refusal);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (took.compareTo(TIME_LIMIT) > 0) {
            throw new AssertionError("an input of " + inputLength + " bytes took " + took);
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        if (!FUZZING && allocated > allocationLimit(inputLength)) {
            throw new AssertionError("an input of " + inputLength + " bytes allocated " + allocated + " bytes");
        }
        return Optional.ofNullable(refusal);
    }
}
