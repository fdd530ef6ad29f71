package io.jgo;

import io.jgo.internal.Frames;
import io.jgo.runtime.Frame;
import io.jgo.internal.G;
import io.jgo.runtime.Suspending;
import io.jgo.internal.WaitReason;
import io.jgo.internal.Waiter;

/**
 * Go's {@code sync.Cond}: a rendezvous point for goroutines (and threads) waiting for a
 * condition guarded by a {@link Locker}.
 *
 * <pre>{@code
 * mu.lock();
 * while (!condition()) cond.await();   // Go: c.Wait()
 * use();
 * mu.unlock();
 * }</pre>
 *
 * <p>{@code await} is Go's {@code Wait} ({@code wait()} is final in {@code java.lang.Object}).
 * A signalled waiter is moved straight into the locker's queue ("wait morphing"): it resumes
 * holding the lock, as Go's {@code Wait} returns holding it, without a second wake-up.
 */
public final class Cond extends SpinLocked implements Withdrawable {
    private final Locker locker;
    /** Waiters, FIFO; guarded by the internal lock. */
    private Waiter waiters;

    /** {@code sync.NewCond(l)}. */
    public Cond(Locker locker) {
        if (locker == null) {
            throw new NullPointerException("sync.NewCond needs a Locker (a Mutex, an RWMutex or its rLocker())");
        }
        this.locker = locker;
    }

    /** The locker ({@code c.L}). */
    public Locker locker() {
        return locker;
    }

    /**
     * Atomically unlocks {@link #locker()} and waits for {@link #signal()} or
     * {@link #broadcast()}; returns holding the lock again. The caller must hold the lock.
     * Re-check the condition in a loop, as in Go.
     *
     * @throws WaitInterruptedException if a plain thread is interrupted while it waits (see
     *                                  semantics.md); goroutines are never interrupted
     */
    @Suspending
    public void await() {
        OpWaiter w = OpWaiter.forThread();
        enter();
        waiters = Waiter.enqueue(waiters, w);
        exit();
        locker.unlock();
        try {
            w.awaitInterruptibly(this, "sync.Cond.Wait");
        } catch (WaitInterruptedException e) {
            locker.lock(); // as Condition.await: the caller holds the lock again, however it ends
            throw e;
        }
    }

    /**
     * An interrupted thread's wait leaves the queue unless a signal took it. A signalled waiter
     * is on its way into the locker's queue (its links then belong to the locker), so the test
     * is membership in this queue.
     */
    @Override
    public boolean withdraw(OpWaiter w) {
        enter();
        boolean queued = Waiter.contains(waiters, w);
        if (queued) {
            waiters = Waiter.unlink(waiters, w);
        }
        exit();
        return queued;
    }

    /** Suspending twin of {@link #await()}. */
    public Object await(Frame<?> frame) {
        G g = Frames.goroutineOf(frame);
        enter();
        waiters = Waiter.enqueue(waiters, OpWaiter.forGoroutine(g, OpWaiter.SYNC));
        Object s = g.park(frame, WaitReason.COND_WAIT);
        exit();
        // Still holding the locker: a signal that came meanwhile queued us on it, and this
        // unlock hands the lock on (possibly to us). The frame is not touched any more.
        locker.unlock();
        return s;
    }

    /** Wakes the longest waiter, if any (it resumes once it has the lock again). */
    public void signal() {
        enter();
        Waiter w = waiters;
        if (w != null) {
            waiters = Waiter.unlink(w, w);
        }
        exit();
        if (w != null) {
            reacquire(w);
        }
    }

    /** Wakes every waiter. */
    public void broadcast() {
        enter();
        Waiter head = waiters;
        waiters = null;
        exit();
        Waiter.forEachDetached(head, this::reacquire);
    }

    /** Waiters queued now (for tests). */
    int queued() {
        enter();
        try {
            return Waiter.size(waiters);
        } finally {
            exit();
        }
    }

    private void reacquire(Waiter w) {
        if (locker instanceof Mutex) {
            ((Mutex) locker).acquireFor(w);
        } else if (locker instanceof RWMutex) {
            ((RWMutex) locker).acquireWriteFor(w);
        } else {
            ((RWMutex.ReadLocker) locker).rw().acquireReadFor(w);
        }
    }
}
