package io.jgo;

/**
 * Receives exceptions that escape fire-and-forget goroutines (and timer callbacks, with id 0)
 * instead of the default policy (fail every waiting {@link Jgo#run} with a
 * {@link GoroutinePanicException}). Runs on the carrier thread where the goroutine ended: keep it
 * short and non-blocking.
 */
@FunctionalInterface
public interface PanicHandler {
    void onPanic(long goroutineId, Throwable panic);
}
