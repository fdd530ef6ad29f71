package io.jgo;

import io.jgo.internal.BubbleWait;
import io.jgo.internal.G;
import io.jgo.internal.Sched;
import io.jgo.internal.Waiter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A waiter that two parties may complete: the object it waits in (a grant) or its context (a
 * cancellation). One CAS on {@link #state} decides, like a select's; the loser does nothing.
 * It is also the context's cancel hook ({@link #run()}).
 */
final class CtxWaiter extends Waiter implements Runnable {
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(CtxWaiter.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int WAITING = 0;
    private static final int GRANTED = 1;
    private static final int CANCELED = 2;

    private final Semaphore sem;
    /** The parked goroutine ({@link G}) or the blocked {@link Thread}. */
    private final Object owner;
    /** WAITING, then GRANTED or CANCELED, once, by CAS. */
    private volatile int state;
    /** The context listened to; set after queueing (see Semaphore.queueWithContext). */
    volatile CancelContext ctx;
    /** Thread owners: the result, written before {@link #done}. */
    RuntimeException error;
    private volatile boolean done;

    /** A thread owner's wait as a test-mode runtime counts it; null otherwise. */
    private final BubbleWait bubbleWait;

    CtxWaiter(Semaphore sem, Object owner) {
        this.sem = sem;
        this.owner = owner;
        this.bubbleWait = owner instanceof Thread ? BubbleWait.begin() : null;
    }

    boolean isCanceled() {
        return state == CANCELED;
    }

    boolean isWaiting() {
        return state == WAITING;
    }

    /** The grant side. */
    @Override
    public boolean tryClaim() {
        return STATE.compareAndSet(this, WAITING, GRANTED);
    }

    /** Granted: stop listening to the context, wake the owner with success. */
    @Override
    public void complete(Object value, boolean ok) {
        CancelContext c = ctx;
        if (c != null) {
            c.removeHook(this);
        }
        wake(null);
    }

    /** The context's cancel hook. */
    @Override
    public void run() {
        if (STATE.compareAndSet(this, WAITING, CANCELED)) {
            sem.cancelWaiter(this);
            wake(ctx.err());
        }
    }

    /**
     * An interrupt of the owning thread: wins the same CAS as a grant or a cancellation would, so
     * exactly one of the three ends the wait.
     */
    private boolean cancelByInterrupt() {
        if (!STATE.compareAndSet(this, WAITING, CANCELED)) {
            return false;
        }
        sem.cancelWaiter(this);
        CancelContext c = ctx;
        if (c != null) {
            c.removeHook(this);
        }
        return true;
    }

    private void wake(RuntimeException err) {
        if (owner instanceof G) {
            ((G) owner).ready(err, null);
        } else {
            error = err;
            BubbleWait.woken(bubbleWait); // before the owner can run: it is not blocked any more
            done = true;
            LockSupport.unpark((Thread) owner);
        }
    }

    /**
     * Blocks the owning thread until granted or canceled.
     *
     * @throws WaitInterruptedException if interrupted before a grant or the context's
     *                                  cancellation: nothing was taken; the status is kept
     */
    void await() {
        Sched.enterBlocking();
        try {
            OpWaiter.parkUntil(this, () -> done, this::cancelByInterrupt, "semaphore.Weighted.Acquire", bubbleWait);
        } finally {
            Sched.exitBlocking();
        }
    }
}
