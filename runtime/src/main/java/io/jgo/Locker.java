package io.jgo;

import io.jgo.runtime.Frame;
import io.jgo.runtime.Suspending;

/**
 * Go's {@code sync.Locker}: something that can be locked and unlocked. {@link Cond} needs one.
 * It is sealed: a {@link Cond} hands a woken waiter straight to its locker's queue (a resumed
 * goroutine cannot retry a lock by itself), which only jgo's own lockers support.
 */
public sealed interface Locker permits Mutex, RWMutex, RWMutex.ReadLocker {
    /** Acquires the lock, waiting as long as needed. */
    @Suspending
    void lock();

    /** Suspending twin of {@link #lock()}. */
    Object lock(Frame<?> frame);

    /** Releases the lock. */
    void unlock();
}
