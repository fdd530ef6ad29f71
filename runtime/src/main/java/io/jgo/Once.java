package io.jgo;

import io.jgo.runtime.Frame;
import io.jgo.runtime.G;
import io.jgo.runtime.Suspending;
import io.jgo.runtime.WaitReason;
import io.jgo.runtime.Waiter;

/**
 * Go's {@code sync.Once}: runs a function once. {@link #run(Runnable)} is Go's {@code Do}
 * ({@code do} is a Java keyword): the first caller runs {@code f}; every other caller waits until
 * it has returned. If {@code f} throws, the once counts as done (as in Go) and the exception
 * reaches the first caller only. {@code f} is plain code: it runs on the caller's goroutine or
 * thread and must not suspend.
 */
public final class Once extends SpinLocked {
    private static final int NOT_RUN = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;

    /** NOT_RUN, RUNNING, DONE. Written under the internal lock; volatile for the fast path. */
    private volatile int state;
    /** Callers waiting while f runs. Guarded by the internal lock. */
    private Waiter waiters;

    public Once() {
    }

    /** Runs {@code f} if no call of this Once ran it before; returns after it has run. */
    @Suspending
    public void run(Runnable f) {
        if (state == DONE) {
            return;
        }
        enter();
        int s = state;
        if (s == NOT_RUN) {
            state = RUNNING;
            exit();
            runAndRelease(f);
            return;
        }
        if (s == DONE) {
            exit();
            return;
        }
        OpWaiter w = OpWaiter.forThread();
        waiters = Waiter.enqueue(waiters, w);
        exit();
        w.await();
    }

    /** Suspending twin of {@link #run(Runnable)}. */
    public Object run(Runnable f, Frame<?> frame) {
        if (state == DONE) {
            return null;
        }
        enter();
        int s = state;
        if (s == NOT_RUN) {
            state = RUNNING;
            exit();
            runAndRelease(f);
            return null;
        }
        if (s == DONE) {
            exit();
            return null;
        }
        G g = frame.goroutine();
        waiters = Waiter.enqueue(waiters, OpWaiter.forGoroutine(g, OpWaiter.SYNC));
        Object r = g.park(frame, WaitReason.MUTEX_LOCK); // Go's Once waits on its mutex
        exit();
        return r;
    }

    /** Callers waiting for f to return, now (for tests). */
    int queued() {
        enter();
        try {
            return Waiter.size(waiters);
        } finally {
            exit();
        }
    }

    /** True once f has run (or thrown). */
    public boolean isDone() {
        return state == DONE;
    }

    private void runAndRelease(Runnable f) {
        try {
            f.run();
        } finally {
            enter();
            state = DONE;
            Waiter head = waiters;
            waiters = null;
            exit();
            Waiter.completeAll(head);
        }
    }
}
