package io.jgo;

import io.jgo.internal.Frames;
import io.jgo.runtime.Fn;
import io.jgo.runtime.Frame;
import io.jgo.internal.G;
import io.jgo.runtime.Suspending;
import io.jgo.internal.WaitReason;
import io.jgo.internal.Waiter;

/**
 * Go's {@code sync.Once}: runs a function once. {@link #run(GoRunnable)} is Go's {@code Do}
 * ({@code do} is a Java keyword): the first caller runs {@code f}; every other caller waits until
 * it has returned. If {@code f} throws, the once counts as done (as in Go) and the exception
 * reaches the first caller only (a checked one wrapped in
 * {@link java.lang.reflect.UndeclaredThrowableException}). {@code f} runs on the first caller's
 * goroutine or thread; written in {@code @Go} code, it may suspend (sleep, wait on a channel),
 * and the other callers wait for it without holding a carrier.
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
    public void run(GoRunnable f) {
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

    /** Suspending twin of {@link #run(GoRunnable)}. */
    public Object run(GoRunnable f, Frame<?> frame) throws Throwable {
        if (state == DONE) {
            return null;
        }
        enter();
        int s = state;
        if (s == NOT_RUN) {
            state = RUNNING;
            exit();
            // f runs as a nested call of the caller and may suspend; waiters are released
            // when it has returned or thrown
            return Fn.call(frame, new OnceFrame(f));
        }
        if (s == DONE) {
            exit();
            return null;
        }
        G g = Frames.goroutineOf(frame);
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

    private void runAndRelease(GoRunnable f) {
        try {
            f.run();
        } catch (Exception e) {
            throw Funcs.wrap(e);
        } finally {
            release();
        }
    }

    private void release() {
        enter();
        state = DONE;
        Waiter head = waiters;
        waiters = null;
        exit();
        Waiter.completeAll(head);
    }

    /** Runs f for the first caller in a goroutine, then releases the waiters however f ended. */
    private final class OnceFrame extends Funcs.RunFrame {
        OnceFrame(GoRunnable f) {
            super(f);
        }

        @Override
        Object finish(Throwable error) throws Throwable {
            release();
            if (error != null) {
                throw error instanceof Exception e ? Funcs.wrap(e) : error;
            }
            return null;
        }

        @Override
        protected boolean waitsForCaller() {
            return true;
        }
    }
}
