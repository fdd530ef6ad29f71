package io.jgo;

import io.jgo.internal.Frames;
import io.jgo.runtime.Frame;
import io.jgo.internal.G;
import io.jgo.runtime.Fn;
import io.jgo.internal.Sched;
import io.jgo.runtime.Suspending;
import io.jgo.internal.WaitReason;
import io.jgo.internal.Waiter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Go's {@code sync.WaitGroup}: waits for a collection of goroutines (or threads) to finish.
 * {@link #add(int)} before starting each, {@link #done()} when each ends, {@link #await()} (Go's
 * {@code Wait}; {@code wait()} is final in {@code java.lang.Object}) until the counter is zero.
 *
 * <p>Invariants (as in Go's {@code sync/waitgroup.go}, where {@code Add} is one atomic add):
 * <ul>
 *   <li>{@code counter} changes only by atomic add, outside the lock: {@code add} and
 *       {@code done} that leave it above zero are one atomic instruction each.</li>
 *   <li>{@code await} reads the counter and queues itself in one critical section. Whoever
 *       brings the counter to zero then takes the lock, so it finds every waiter that saw the
 *       counter above zero before that.</li>
 *   <li>The releaser hands the queue over only if the counter is still zero under the lock: an
 *       {@code add} that raced in after the zero (Go calls that misuse) leaves the waiters for the
 *       next zero, never releases one while the counter is above zero.</li>
 * </ul>
 */
public final class WaitGroup extends SpinLocked implements Withdrawable {
    private static final VarHandle COUNTER;

    static {
        try {
            COUNTER = MethodHandles.lookup().findVarHandle(WaitGroup.class, "counter", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The counter: atomic adds only; read under the lock by await and the releaser. */
    private volatile long counter;
    /** Goroutines and threads in await(). Guarded by the internal lock. */
    private Waiter waiters;

    public WaitGroup() {
    }

    /**
     * Adds {@code delta} (may be negative) to the counter; at zero, every waiter is released.
     *
     * @throws IllegalStateException "sync: negative WaitGroup counter"; the add is undone (the
     *     counter keeps its value), unlike Go, where the WaitGroup is unusable after that panic
     */
    public void add(int delta) {
        long c = (long) COUNTER.getAndAdd(this, (long) delta) + delta;
        if (c > 0) {
            return;
        }
        if (c < 0) {
            // A waiter may have seen the negative value and queued: if undoing brings the
            // counter back to zero, that zero releases it like any other.
            if ((long) COUNTER.getAndAdd(this, (long) -delta) - delta == 0) {
                releaseAtZero();
            }
            throw new IllegalStateException("sync: negative WaitGroup counter");
        }
        releaseAtZero();
    }

    private void releaseAtZero() {
        Waiter head = null;
        enter();
        if (counter == 0) {
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

    /**
     * Go 1.25's {@code wg.Go(f)}: {@code add(1)}, then starts {@code f} in a goroutine of its own
     * that calls {@link #done()} when it ends, however it ends (an exception escaping {@code f}
     * is then a panic of that goroutine, as in Go). A function written in {@code @Go} code may
     * suspend; any other runs on a thread of its own.
     */
    public void go(GoRunnable f) {
        add(1);
        if (!Fn.suspends(f)) {
            Funcs.start(() -> {
                try {
                    f.run();
                } finally {
                    done();
                }
            }, null);
            return;
        }
        try {
            GoRuntime.currentSched().spawn(new Funcs.RunFrame(f) {
                @Override
                Object finish(Throwable error) throws Throwable {
                    done();
                    return super.finish(error);
                }
            }, null);
        } catch (RuntimeException e) {
            done();
            throw e;
        }
    }

    /** {@code add(-1)}. */
    public void done() {
        add(-1);
    }

    /**
     * Waits until the counter is zero.
     *
     * @throws WaitInterruptedException if a plain thread is interrupted while it waits (see
     *                                  semantics.md); goroutines are never interrupted
     */
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
        w.awaitInterruptibly(this, "sync.WaitGroup.Wait");
    }

    /** An interrupted thread's wait leaves the queue unless the release already took it. */
    @Override
    public boolean withdraw(OpWaiter w) {
        enter();
        boolean queued = Waiter.contains(waiters, w); // a release detaches the whole queue
        if (queued) {
            waiters = Waiter.unlink(waiters, w);
        }
        exit();
        return queued;
    }

    /** Suspending twin of {@link #await()}. */
    public Object await(Frame<?> frame) {
        enter();
        if (counter == 0) {
            exit();
            return null;
        }
        G g = Frames.goroutineOf(frame);
        waiters = Waiter.enqueue(waiters, OpWaiter.forGoroutine(g, OpWaiter.SYNC));
        Object s = g.park(frame, WaitReason.WAIT_GROUP_WAIT);
        exit();
        return s;
    }

    /** The counter now (a snapshot). */
    public long count() {
        return counter;
    }

    @Override
    public String toString() {
        return "WaitGroup(" + count() + ")";
    }
}
