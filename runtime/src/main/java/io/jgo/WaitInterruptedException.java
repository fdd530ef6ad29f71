package io.jgo;

/**
 * A plain thread's wait in an interruptible jgo operation (a channel send or receive, a select,
 * {@code WaitGroup.await}, {@code Cond.await}, {@code Semaphore.acquire}, {@code ErrGroup.await},
 * {@code sleep}, {@code Jgo.run}, an operation on a nil channel) ended because the thread was
 * interrupted. The operation did not take effect: no value was sent or received, no permit was
 * taken. The thread's interrupt status is still set, so the code above can see it too.
 *
 * <p>Goroutines are never interrupted; only a thread that blocks (a plain thread, or a carrier
 * running untransformed code) can get this. The locks ({@code Mutex}, {@code RWMutex},
 * {@code Once}) wait uninterruptibly instead, like {@code Lock.lock()}: they return holding the
 * lock with the interrupt status set again.
 *
 * <p>It extends {@link IllegalStateException}, as {@link java.util.concurrent.CancellationException}
 * does: the operation's caller asked for something the thread's state no longer allows.
 */
public class WaitInterruptedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public WaitInterruptedException(String operation) {
        super("interrupted while waiting in " + operation
                + " (the operation did not happen; the thread's interrupt status is kept)");
    }

    public WaitInterruptedException(String operation, InterruptedException cause) {
        this(operation);
        initCause(cause);
    }
}
