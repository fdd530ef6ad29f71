package io.jgo;

import io.jgo.runtime.Frame;
import io.jgo.runtime.G;
import io.jgo.runtime.Suspending;
import io.jgo.runtime.WaitReason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Go's {@code sync.Mutex}: a mutual exclusion lock, usable from goroutines (a waiting goroutine
 * parks; its carrier runs others) and plain threads alike. It is not reentrant and not owned:
 * any goroutine may unlock it, as in Go.
 *
 * <h2>Fairness (Go's starvation mode, always on for queued waiters)</h2>
 * An uncontended lock and unlock is one CAS each. When waiters are queued, {@code unlock} hands
 * the mutex directly to the longest-waiting one, so no waiter can be overtaken: Go switches to
 * this hand-off after a waiter has waited 1 ms; jgo uses it from the start, because a resumed
 * goroutine cannot go back and retry the lock (its continuation resumes after the call). A
 * newcomer may still take a free mutex ahead of nobody: barging is only possible while the queue
 * is empty.
 */
public final class Mutex extends SpinLocked implements Locker {
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Mutex.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Someone holds the mutex. */
    private static final int LOCKED = 1;
    /** The queue is non-empty. Set and cleared only under the queue lock; implies LOCKED. */
    private static final int WAITERS = 2;

    /** LOCKED | WAITERS. Fast paths CAS 0 -> LOCKED and LOCKED -> 0 without the queue lock. */
    private volatile int state;
    /** FIFO queue of waiters; guarded by the (SpinLocked) queue lock. */
    private Waiter waiters;

    public Mutex() {
    }

    /** Locks the mutex, waiting until it is free. */
    @Override
    @Suspending
    public void lock() {
        if (!STATE.compareAndSet(this, 0, LOCKED)) {
            OpWaiter w = OpWaiter.forThread(OpWaiter.SYNC);
            if (!acquireOrQueue(w, null)) {
                w.await();
            }
        }
    }

    /** Suspending twin of {@link #lock()}. */
    @Override
    public Object lock(Frame<?> frame) {
        if (STATE.compareAndSet(this, 0, LOCKED)) {
            return null;
        }
        G g = frame.goroutine();
        return acquireOrQueue(OpWaiter.forGoroutine(g, OpWaiter.SYNC), frame) ? null : Frame.SUSPENDED;
    }

    /** Locks the mutex if it is free now; never waits. */
    public boolean tryLock() {
        return STATE.compareAndSet(this, 0, LOCKED);
    }

    /**
     * Unlocks the mutex; the longest waiter, if any, now holds it.
     *
     * @throws IllegalStateException "sync: unlock of unlocked mutex"
     */
    @Override
    public void unlock() {
        if (STATE.compareAndSet(this, LOCKED, 0)) {
            return;
        }
        enter();
        int s = state;
        if ((s & LOCKED) == 0) {
            exit();
            throw new IllegalStateException("sync: unlock of unlocked mutex");
        }
        Waiter w = waiters;
        if (w == null) {
            state = 0;
            exit();
            return;
        }
        waiters = Waiter.unlink(w, w);
        state = waiters == null ? LOCKED : LOCKED | WAITERS; // stays LOCKED: handed to w
        exit();
        w.complete(null, true);
    }

    /**
     * Takes the mutex for {@code w} if it is free (returns true), else queues {@code w} and, if
     * {@code frame} is given, parks its goroutine under the queue lock (returns false).
     */
    boolean acquireOrQueue(Waiter w, Frame<?> frame) {
        enter();
        for (;;) {
            int s = state;
            if ((s & LOCKED) == 0) {
                if (STATE.compareAndSet(this, s, LOCKED)) {
                    exit();
                    return true;
                }
            } else if ((s & WAITERS) != 0 || STATE.compareAndSet(this, s, s | WAITERS)) {
                break;
            }
        }
        waiters = Waiter.enqueue(waiters, w);
        if (frame != null) {
            frame.goroutine().park(frame, WaitReason.MUTEX_LOCK);
        }
        exit();
        return false;
    }

    /** For {@link Cond}: acquires the mutex on behalf of {@code w}, completing it when held. */
    void acquireFor(Waiter w) {
        if (acquireOrQueue(w, null)) {
            w.complete(null, true);
        }
    }

    /** True if some goroutine or thread holds the mutex now (a snapshot, for tests). */
    boolean isLocked() {
        return (state & LOCKED) != 0;
    }

    @Override
    public String toString() {
        return isLocked() ? "Mutex(locked)" : "Mutex(unlocked)";
    }
}
