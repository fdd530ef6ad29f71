package io.jgo;

import io.jgo.runtime.Frame;
import io.jgo.runtime.G;
import io.jgo.runtime.Suspending;
import io.jgo.runtime.WaitReason;
import io.jgo.runtime.Waiter;

/**
 * Go's {@code sync.WaitGroup}: waits for a collection of goroutines (or threads) to finish.
 * {@link #add(int)} before starting each, {@link #done()} when each ends, {@link #await()} (Go's
 * {@code Wait}; {@code wait()} is final in {@code java.lang.Object}) until the counter is zero.
 */
public final class WaitGroup extends SpinLocked {
    /** The counter. Guarded by the internal lock. */
    private long counter;
    /** Goroutines and threads in await(). Guarded by the internal lock. */
    private Waiter waiters;

    public WaitGroup() {
    }

    /**
     * Adds {@code delta} (may be negative) to the counter; at zero, every waiter is released.
     *
     * @throws IllegalStateException "sync: negative WaitGroup counter" (the counter is left at 0)
     */
    public void add(int delta) {
        enter();
        long c = counter + delta;
        if (c < 0) {
            counter = 0;
            exit();
            throw new IllegalStateException("sync: negative WaitGroup counter");
        }
        counter = c;
        Waiter head = null;
        if (c == 0) {
            head = waiters;
            waiters = null;
        }
        exit();
        Waiter.completeAll(head);
    }

    /**
     * Go 1.25's {@code wg.Go(f)}: {@code add(1)}, then starts {@code task} (a generated entry
     * point's result) as a goroutine that calls {@link #done()} when it ends, however it ends.
     */
    public void go(Task<?> task) {
        add(1);
        try {
            Jgo.start(task).whenComplete((v, e) -> done());
        } catch (RuntimeException e) {
            done(); // not started (not a generated call, or already started)
            throw e;
        }
    }

    /** {@code add(-1)}. */
    public void done() {
        add(-1);
    }

    /** Waits until the counter is zero. */
    @Suspending
    public void await() {
        enter();
        if (counter == 0) {
            exit();
            return;
        }
        OpWaiter w = OpWaiter.forThread();
        waiters = Waiter.enqueue(waiters, w);
        exit();
        w.await();
    }

    /** Suspending twin of {@link #await()}. */
    public Object await(Frame<?> frame) {
        enter();
        if (counter == 0) {
            exit();
            return null;
        }
        G g = frame.goroutine();
        waiters = Waiter.enqueue(waiters, OpWaiter.forGoroutine(g, OpWaiter.SYNC));
        Object s = g.park(frame, WaitReason.WAIT_GROUP_WAIT);
        exit();
        return s;
    }

    /** The counter now (a snapshot). */
    public long count() {
        enter();
        try {
            return counter;
        } finally {
            exit();
        }
    }

    @Override
    public String toString() {
        return "WaitGroup(" + count() + ")";
    }
}
