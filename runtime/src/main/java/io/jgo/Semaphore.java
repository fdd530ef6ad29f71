package io.jgo;

import io.jgo.internal.Frames;
import io.jgo.runtime.Frame;
import io.jgo.internal.G;
import io.jgo.runtime.Suspending;
import io.jgo.internal.WaitReason;
import io.jgo.internal.Waiter;

/**
 * {@code golang.org/x/sync/semaphore.Weighted}: a counting semaphore of a fixed size whose
 * callers take and give back weights. Waiters are served strictly first come, first served: a
 * large request at the head blocks smaller ones behind it (so large requests cannot starve).
 */
public final class Semaphore extends SpinLocked implements Withdrawable {
    private final long size;
    /** Weight held now. Guarded by the internal lock. */
    private long cur;
    /** Waiters, FIFO; each one's {@code elem} is its weight (a Long). Guarded by the lock. */
    private Waiter waiters;

    /** {@code semaphore.NewWeighted(n)}. */
    public Semaphore(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("semaphore size must be >= 0: " + size);
        }
        this.size = size;
    }

    /**
     * Takes weight {@code n}, waiting until it is available (and earlier waiters were served).
     *
     * @throws IllegalArgumentException if {@code n} is negative or more than the size (Go would
     *                                  wait forever without a context)
     *
     * @throws WaitInterruptedException if a plain thread is interrupted while it waits (see
     *                                  semantics.md); goroutines are never interrupted
     */
    @Suspending
    public void acquire(long n) {
        check(n);
        enter();
        if (waiters == null && size - cur >= n) {
            cur += n;
            exit();
            return;
        }
        OpWaiter w = OpWaiter.forThread();
        w.elem = n;
        waiters = Waiter.enqueue(waiters, w);
        exit();
        w.awaitInterruptibly(this, "semaphore.Weighted.Acquire");
    }

    /**
     * An interrupted thread's acquire leaves the queue unless it was granted already. As with a
     * canceled context, the waiters behind it may fit now (a big head blocked them all).
     */
    @Override
    public boolean withdraw(OpWaiter w) {
        enter();
        boolean queued = Waiter.contains(waiters, w);
        Waiter granted = null;
        if (queued) {
            waiters = Waiter.unlink(waiters, w);
            granted = grantLocked();
        }
        exit();
        completeGranted(granted);
        return queued;
    }

    /** Suspending twin of {@link #acquire(long)}. */
    public Object acquire(long n, Frame<?> frame) {
        check(n);
        enter();
        if (waiters == null && size - cur >= n) {
            cur += n;
            exit();
            return null;
        }
        G g = Frames.goroutineOf(frame);
        Waiter w = OpWaiter.forGoroutine(g, OpWaiter.SYNC);
        w.elem = n;
        waiters = Waiter.enqueue(waiters, w);
        Object s = g.park(frame, WaitReason.SEMAPHORE_ACQUIRE);
        exit();
        return s;
    }

    /**
     * Takes weight {@code n} for {@code w} if it is available now (returns true); else queues
     * {@code w}, which is completed once granted, parking {@code frame}'s goroutine (if given)
     * under the lock (returns false).
     */
    boolean acquireOrQueue(long n, Waiter w, Frame<?> frame) {
        check(n);
        enter();
        if (waiters == null && size - cur >= n) {
            cur += n;
            exit();
            return true;
        }
        w.elem = n;
        waiters = Waiter.enqueue(waiters, w);
        if (frame != null) {
            Frames.goroutineOf(frame).park(frame, WaitReason.SEMAPHORE_ACQUIRE);
        }
        exit();
        return false;
    }

    /** Takes weight {@code n} if it is available now and nobody waits; never waits. */
    public boolean tryAcquire(long n) {
        check(n);
        enter();
        boolean ok = waiters == null && size - cur >= n;
        if (ok) {
            cur += n;
        }
        exit();
        return ok;
    }

    /**
     * Gives back weight {@code n}; waiters whose weight now fits are served in order.
     *
     * @throws IllegalStateException "semaphore: released more than held"
     */
    public void release(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("semaphore: negative release weight: " + n);
        }
        enter();
        if (n > cur) {
            exit();
            throw new IllegalStateException("semaphore: released more than held");
        }
        cur -= n;
        Waiter granted = grantLocked();
        exit();
        completeGranted(granted);
    }

    /**
     * Lock held: takes waiters from the head while their weight fits (FIFO: a head that does not
     * fit stops everyone behind it); canceled waiters are dropped. Returns them newest-first,
     * linked by next, to complete after unlocking.
     */
    private Waiter grantLocked() {
        Waiter granted = null;
        while (waiters != null) {
            Waiter w = waiters;
            if (w instanceof CtxWaiter && ((CtxWaiter) w).isCanceled()) {
                waiters = Waiter.unlink(w, w); // its canceller is about to wake it
                continue;
            }
            long need = (Long) w.elem;
            if (size - cur < need) {
                break; // FIFO: the head waits, and so does everyone behind it
            }
            waiters = Waiter.unlink(w, w);
            if (!w.tryClaim()) {
                continue; // canceled just now
            }
            cur += need;
            w.next = granted;
            granted = w;
        }
        return granted;
    }

    private static void completeGranted(Waiter granted) {
        Waiter rev = null; // reverse to wake in queue order
        while (granted != null) {
            Waiter nx = granted.next;
            granted.next = rev;
            rev = granted;
            granted = nx;
        }
        while (rev != null) {
            Waiter nx = rev.next;
            rev.next = null;
            rev.elem = null;
            rev.complete(null, true);
            rev = nx;
        }
    }

    // ------------------------------------------------------------ with a context

    /**
     * {@code s.Acquire(ctx, n)}: takes weight {@code n}, waiting until it is available or
     * {@code ctx} is done. Returns null when acquired, else {@code ctx.err()} (the semaphore is
     * then unchanged), as Go returns {@code ctx.Err()}.
     *
     * @throws WaitInterruptedException if a plain thread is interrupted while it waits (see
     *                                  semantics.md); goroutines are never interrupted
     */
    @Suspending
    public RuntimeException acquire(Context ctx, long n) {
        Object fast = acquireFast(ctx, n);
        if (fast != null) {
            return fast == ACQUIRED ? null : (RuntimeException) fast;
        }
        CtxWaiter w = new CtxWaiter(this, Thread.currentThread());
        if (queueWithContext(w, ctx, n, null) == ACQUIRED) {
            return null;
        }
        w.await();
        return w.error;
    }

    /** Suspending twin of {@link #acquire(Context, long)}; resumes with null or ctx.err(). */
    public Object acquire(Context ctx, long n, Frame<?> frame) {
        Object fast = acquireFast(ctx, n);
        if (fast != null) {
            return fast == ACQUIRED ? null : fast;
        }
        CtxWaiter w = new CtxWaiter(this, Frames.goroutineOf(frame));
        Object r = queueWithContext(w, ctx, n, frame);
        return r == ACQUIRED ? null : r;
    }

    /** acquireFast / queueWithContext result: the weight was taken without waiting. */
    private static final Object ACQUIRED = new Object();

    /** ctx.err() if ctx is done, ACQUIRED if the weight was free, null if the caller must queue. */
    private Object acquireFast(Context ctx, long n) {
        check(n);
        RuntimeException err = ctx.err();
        if (err != null) {
            return err;
        }
        return tryAcquire(n) ? ACQUIRED : null;
    }

    /**
     * Queues {@code w} (parking {@code frame}'s goroutine, if given, under the lock), then listens
     * to {@code ctx}. Returns ACQUIRED if the weight became free meanwhile, else SUSPENDED (or
     * null for a thread, which then waits on {@code w}).
     */
    private Object queueWithContext(CtxWaiter w, Context ctx, long n, Frame<?> frame) {
        enter();
        if (waiters == null && size - cur >= n) {
            cur += n;
            exit();
            return ACQUIRED;
        }
        w.elem = n;
        waiters = Waiter.enqueue(waiters, w);
        Object r = frame != null ? Frames.goroutineOf(frame).park(frame, WaitReason.SEMAPHORE_ACQUIRE) : null;
        exit();
        CancelContext c = ctx.cancelAncestor();
        if (c != null) {
            w.ctx = c;
            if (!c.addHook(w)) {
                w.run(); // canceled before we could listen: cancel now
            } else if (!w.isWaiting()) {
                c.removeHook(w); // granted meanwhile, maybe before its granter saw ctx
            }
        }
        return r;
    }

    /** Cancel path: unqueue {@code w} and let waiters behind it in if they fit now. */
    void cancelWaiter(CtxWaiter w) {
        enter();
        if (w.next != null) {
            waiters = Waiter.unlink(waiters, w);
        }
        Waiter granted = grantLocked();
        exit();
        completeGranted(granted);
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

    private void check(long n) {
        if (n < 0 || n > size) {
            throw new IllegalArgumentException("semaphore: weight " + n + " is outside [0, " + size
                    + "]: it could never be acquired");
        }
    }

    /** The weight held now (a snapshot). */
    public long held() {
        enter();
        try {
            return cur;
        } finally {
            exit();
        }
    }
}
