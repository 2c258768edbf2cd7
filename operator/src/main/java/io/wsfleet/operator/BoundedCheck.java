package io.wsfleet.operator;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A yes/no check that may block (on locks of a library), answered within a limit: it runs on a thread
 * of its own, at most one run at a time, and callers that find it still running wait for that run up to
 * the limit. A check that does not finish in time, or throws, does not pass. Blocked runs therefore
 * never pile up threads, and the first caller after a run finishes gets a fresh answer.
 */
final class BoundedCheck implements AutoCloseable {

    private final BooleanSupplier check;
    private final Duration limit;
    private final ExecutorService runner;
    private CompletableFuture<Boolean> run = CompletableFuture.completedFuture(false);

    BoundedCheck(String name, Duration limit, BooleanSupplier check) {
        this.check = check;
        this.limit = limit;
        this.runner = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("check-" + name).factory());
    }

    boolean passes() {
        try {
            return currentRun().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized CompletableFuture<Boolean> currentRun() {
        if (run.isDone()) {
            run = CompletableFuture.supplyAsync(check::getAsBoolean, runner);
        }
        return run;
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
