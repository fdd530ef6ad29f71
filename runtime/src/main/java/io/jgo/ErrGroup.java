package io.jgo;

import io.jgo.internal.Frames;
import io.jgo.runtime.Frame;
import io.jgo.internal.G;
import io.jgo.runtime.Suspending;
import io.jgo.internal.WaitReason;
import io.jgo.internal.Waiter;

/**
 * {@code golang.org/x/sync/errgroup.Group}: runs goroutines for subtasks of one task, waits for
 * them, and reports the first failure.
 *
 * <pre>{@code
 * var g = ErrGroup.withContext(ctx);
 * for (var url : urls) g.go(FetchGo.fetch(g.context(), url));
 * Throwable err = g.await();            // Go: if err := g.Wait(); err != nil
 * }</pre>
 *
 * <p>{@link #await()} is Go's {@code Wait} ({@code wait()} is final in {@code java.lang.Object});
 * it returns the first exception a task ended with, or null. With {@link #withContext}, the
 * group's context is canceled when a task first fails or when {@code await} returns.
 * {@link #setLimit(int)} bounds the number of tasks running at once: {@link #go(Task)} then waits
 * for a free slot.
 */
public final class ErrGroup extends SpinLocked implements Withdrawable {
    private final CancelContext ctx;
    /** Tasks started and not finished. Guarded by the internal lock. */
    private int active;
    /** The first failure. Guarded by the internal lock. */
    private Throwable first;
    /** Goroutines and threads in await(). Guarded by the internal lock. */
    private Waiter waiters;
    /** Null: no limit. Set by setLimit while no task runs. */
    private volatile Semaphore limit;

    /** A group without a context ({@code new(errgroup.Group)}). */
    public ErrGroup() {
        this.ctx = null;
    }

    private ErrGroup(CancelContext ctx) {
        this.ctx = ctx;
    }

    /** {@code errgroup.WithContext(parent)}: the group's {@link #context()} derives from parent. */
    public static ErrGroup withContext(Context parent) {
        return new ErrGroup(Context.withCancel(parent));
    }

    /** The group's context; null for a group made without one. */
    public Context context() {
        return ctx;
    }

    /**
     * Limits the number of tasks running at once to {@code n}; negative means no limit.
     *
     * @throws IllegalStateException if tasks are running (as Go panics)
     */
    public void setLimit(int n) {
        enter();
        try {
            if (active != 0) {
                throw new IllegalStateException("errgroup: modify limit while " + active + " goroutines in the group are still active");
            }
            limit = n < 0 ? null : new Semaphore(n);
        } finally {
            exit();
        }
    }

    /**
     * Starts {@code task} (a generated entry point's result) as a goroutine of the group; with a
     * limit, waits first for a free slot.
     *
     * @throws WaitInterruptedException if a plain thread is interrupted while it waits (see
     *                                  semantics.md); goroutines are never interrupted
     */
    @Suspending
    public void go(Task<?> task) {
        Semaphore s = limit;
        if (s != null) {
            s.acquire(1);
        }
        spawn(task, s);
    }

    /** Suspending twin of {@link #go(Task)}. */
    public Object go(Task<?> task, Frame<?> frame) {
        Semaphore s = limit;
        if (s == null) {
            spawn(task, null);
            return null;
        }
        G g = Frames.goroutineOf(frame);
        Waiter w = new Waiter() {
            @Override
            public void complete(Object value, boolean ok) {
                spawn(task, s); // the slot was granted to us: start the task, then resume
                g.ready(null, null);
            }
        };
        if (s.acquireOrQueue(1, w, frame)) {
            spawn(task, s);
            return null;
        }
        return Frame.SUSPENDED;
    }

    /**
     * Go's {@code g.Go(f)}: starts {@code f} as a goroutine of the group (an exception it throws
     * is the group's error); with a limit, waits first for a free slot. A function written in
     * {@code @Go} code may suspend; any other runs on a thread of its own.
     *
     * @throws WaitInterruptedException if a plain thread is interrupted while it waits (see
     *                                  semantics.md); goroutines are never interrupted
     */
    @Suspending
    public void go(GoRunnable f) {
        Semaphore s = limit;
        if (s != null) {
            s.acquire(1);
        }
        spawn(f, s);
    }

    /** Suspending twin of {@link #go(GoRunnable)}. */
    public Object go(GoRunnable f, Frame<?> frame) {
        Semaphore s = limit;
        if (s == null) {
            spawn(f, null);
            return null;
        }
        G g = Frames.goroutineOf(frame);
        Waiter w = new Waiter() {
            @Override
            public void complete(Object value, boolean ok) {
                spawn(f, s); // the slot was granted to us: start f, then resume
                g.ready(null, null);
            }
        };
        if (s.acquireOrQueue(1, w, frame)) {
            spawn(f, s);
            return null;
        }
        return Frame.SUSPENDED;
    }

    /** {@link #go(GoRunnable)} if a slot is free now; returns false (and starts nothing) otherwise. */
    public boolean tryGo(GoRunnable f) {
        Semaphore s = limit;
        if (s != null && !s.tryAcquire(1)) {
            return false;
        }
        spawn(f, s);
        return true;
    }

    private void spawn(GoRunnable f, Semaphore slot) {
        enter();
        active++;
        exit();
        Funcs.start(f, (v, e) -> finished(e, slot));
    }

    /** Starts {@code task} if a slot is free now; returns false (and starts nothing) otherwise. */
    public boolean tryGo(Task<?> task) {
        Semaphore s = limit;
        if (s != null && !s.tryAcquire(1)) {
            return false;
        }
        spawn(task, s);
        return true;
    }

    private void spawn(Task<?> task, Semaphore slot) {
        enter();
        active++;
        exit();
        Jgo.start(task).whenComplete((v, e) -> finished(e, slot));
    }

    private void finished(Throwable e, Semaphore slot) {
        if (slot != null) {
            slot.release(1);
        }
        boolean cancel = false;
        Waiter head = null;
        Throwable result;
        enter();
        if (e != null && first == null) {
            first = e;
            cancel = true;
        }
        if (--active == 0) {
            head = waiters;
            waiters = null;
        }
        result = first;
        exit();
        if (cancel && ctx != null) {
            ctx.cancel();
        }
        if (head != null) {
            if (ctx != null) {
                ctx.cancel();
            }
            Waiter.forEachDetached(head, w -> w.complete(result, true));
        }
    }

    /**
     * Waits for every task started so far; returns the first failure, or null.
     *
     * @throws WaitInterruptedException if a plain thread is interrupted while it waits (see
     *                                  semantics.md); goroutines are never interrupted
     */
    @Suspending
    public Throwable await() {
        enter();
        if (active == 0) {
            Throwable r = first;
            exit();
            cancelContext();
            return r;
        }
        OpWaiter w = OpWaiter.forThread();
        waiters = Waiter.enqueue(waiters, w);
        exit();
        w.awaitInterruptibly(this, "errgroup.Group.Wait");
        return (Throwable) w.elem;
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

    /** Suspending twin of {@link #await()}; resumes with the first failure or null. */
    public Object await(Frame<?> frame) {
        enter();
        if (active == 0) {
            Throwable r = first;
            exit();
            cancelContext();
            return r;
        }
        G g = Frames.goroutineOf(frame);
        waiters = Waiter.enqueue(waiters, OpWaiter.forGoroutine(g, OpWaiter.SYNC));
        Object s = g.park(frame, WaitReason.WAIT_GROUP_WAIT);
        exit();
        return s;
    }

    private void cancelContext() {
        if (ctx != null) {
            ctx.cancel();
        }
    }
}
