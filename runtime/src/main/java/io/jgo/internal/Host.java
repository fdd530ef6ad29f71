package io.jgo.internal;

/**
 * What the scheduler needs from the API layer that creates it: the exceptions users catch live in
 * {@code io.jgo}, which depends on this package and not the other way round. Implemented by
 * {@code io.jgo.GoRuntime}.
 */
public interface Host {
    /** The exception a root's future fails with when its main goroutine is proved deadlocked. */
    RuntimeException deadlock(String report);

    /** The exception a root's future fails with when a goroutine of its tree panicked. */
    RuntimeException panicked(long goroutineId, Throwable cause);

    /** The exception for work handed to a runtime that is closed, or cut short by its closing. */
    RuntimeException closed(String what);

    /**
     * Offers a panic of a goroutine (or a timer callback, id 0) to the user's panic handler.
     *
     * @return true if a handler took it; false to let the scheduler apply its policy
     */
    boolean handlePanic(long goroutineId, Throwable cause);

    /** Reports a panic that no caller observes (its root is detached or already finished). */
    void unobservedPanic(long goroutineId, Throwable cause);
}
