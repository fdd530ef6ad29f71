package io.jgo;

/** A goroutine ended with a checked exception; {@link #getCause()} is that exception. */
public class GoroutineFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GoroutineFailedException(Throwable cause) {
        super("goroutine failed: " + cause, cause);
    }
}
