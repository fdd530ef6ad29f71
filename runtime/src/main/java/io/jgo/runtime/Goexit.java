package io.jgo.runtime;

/**
 * Thrown by {@code Jgo.goexit()} to end the current goroutine: it unwinds the frame chain through
 * the generated code's {@code finally} blocks (Go runs deferred calls) and the scheduler ends the
 * goroutine quietly when it leaves the root frame. A {@code catch (Throwable)} in user code would
 * stop it, like any Java exception; do not swallow it.
 */
public final class Goexit extends Error {
    private static final long serialVersionUID = 1L;

    /** One instance: it carries no stack trace and no state. */
    public static final Goexit INSTANCE = new Goexit();

    private Goexit() {
        super("Jgo.goexit(): the goroutine ends here", null, false, false);
    }
}
