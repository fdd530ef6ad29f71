package io.jgo;

/**
 * An exception escaped a goroutine that nobody waits for (one started with {@link Jgo#go}): like
 * a Go panic that crashes the program, it ends every {@link Jgo#run} that is waiting, with this
 * exception; {@link #getCause()} is what the goroutine threw. Install a handler with
 * {@link Jgo#setPanicHandler} to decide otherwise.
 */
public class GoroutinePanicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long goroutineId;

    public GoroutinePanicException(long goroutineId, Throwable cause) {
        super("panic in goroutine " + goroutineId + ": " + cause, cause);
        this.goroutineId = goroutineId;
    }

    /** Id of the goroutine that panicked, as in {@link Jgo#dump()}. */
    public long goroutineId() {
        return goroutineId;
    }
}
