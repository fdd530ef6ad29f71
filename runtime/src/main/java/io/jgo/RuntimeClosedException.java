package io.jgo;

/**
 * The {@link GoRuntime} was closed: thrown when work is handed to a closed runtime, and the
 * failure of every {@link GoRuntime#run run} or {@link GoRuntime#start start} whose goroutine had
 * not ended when the runtime closed.
 */
public class RuntimeClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public RuntimeClosedException(String message) {
        super(message);
    }
}
