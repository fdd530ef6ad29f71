package io.jgo;

import io.jgo.internal.BubbleWait;
import io.jgo.internal.G;
import io.jgo.internal.Sched;
import io.jgo.internal.Waiter;
import java.util.concurrent.locks.LockSupport;

/**
 * The waiter of one blocking operation of a plain thread (or a carrier running untransformed
 * code): it blocks the thread until completed. 32 bytes with compressed oops.
 *
 * <p>A goroutine needs no such object: its {@link G} is its own waiter ({@link #forGoroutine}),
 * so parking allocates nothing. Thread waiters are fresh per operation (a thread may hold
 * several, e.g. through a Cond hand-over).
 */
final class OpWaiter extends Waiter {
    static final byte SEND = G.WAIT_SEND;
    static final byte RECV = G.WAIT_RECV;
    static final byte RECV_OK = G.WAIT_RECV_OK;
    static final byte RANGE = G.WAIT_RANGE;
    /** A sync object's waiter: resumes with the completion's value. */
    static final byte SYNC = G.WAIT_SYNC;

    /** The blocked thread. */
    private final Thread owner;
    /** The thread's wait as a test-mode runtime counts it; null when it is not bound to one. */
    private final BubbleWait bubbleWait;
    /** The completion's ok, written before {@link #done}. */
    boolean ok;
    /** Set once, by the completer, after {@code elem} and {@code ok}. */
    private volatile boolean done;

    private OpWaiter(Thread owner) {
        this.owner = owner;
        this.bubbleWait = BubbleWait.begin();
    }

    /**
     * The waiter of goroutine {@code g} for an operation of {@code mode}: {@code g} itself. Call
     * it only from {@code g}, right before linking the waiter into a queue and parking.
     */
    static Waiter forGoroutine(G g, byte mode) {
        return g.waitAs(mode);
    }

    /**
     * A waiter for the calling plain thread (or a carrier running untransformed code); the
     * operation reads {@code elem} and {@code ok} itself once it is completed.
     */
    static OpWaiter forThread() {
        return new OpWaiter(Thread.currentThread());
    }

    @Override
    public void complete(Object value, boolean ok) {
        elem = value;
        this.ok = ok;
        BubbleWait.woken(bubbleWait); // before the owner can run: it is not blocked any more
        done = true;
        LockSupport.unpark(owner);
    }

    /**
     * Blocks the calling thread (the owner) until {@link #complete} ran, uninterruptibly: an
     * interrupt is recorded and the interrupt status set again on return (the locks' rule, as
     * {@code Lock.lock()}).
     */
    void await() {
        awaitFlag(this);
    }

    /**
     * Blocks the calling thread (the owner) until {@link #complete} ran, or until the thread is
     * interrupted and {@code owner} gives the waiter back (see {@link Withdrawable}).
     *
     * @throws WaitInterruptedException if interrupted before a waker took the waiter: the
     *                                  operation did not happen; the interrupt status is kept
     */
    void awaitInterruptibly(Withdrawable owner, String operation) {
        if (spinUntilDone(this)) {
            return;
        }
        Sched.enterBlocking();
        try {
            parkUntil(this, () -> done, () -> owner.withdraw(this), operation, bubbleWait);
        } finally {
            Sched.exitBlocking();
        }
    }

    /** What an interrupted wait tries, once: true if it withdrew the operation before it happened. */
    interface Withdrawal {
        boolean tryWithdraw();
    }

    /** For uninterruptible waits: an interrupt never withdraws anything. */
    private static final Withdrawal NEVER = () -> false;

    /**
     * The interrupt protocol of every thread wait: parks on {@code blocker} until {@code done},
     * clearing the interrupt status as it comes (parking with it set returns at once, so keeping
     * it would spin). The first interrupt tries {@code withdrawal}: if that wins, the operation did
     * not happen and this throws; otherwise a waker has it, its completion is close, and the wait
     * goes on. Either way the interrupt status is set again before returning or throwing.
     *
     * @throws WaitInterruptedException if the withdrawal won
     */
    static void parkUntil(Object blocker, java.util.function.BooleanSupplier done, Withdrawal withdrawal,
            String operation, BubbleWait bubbleWait) {
        boolean interrupted = false;
        BubbleWait.parking(bubbleWait);
        try {
            while (!done.getAsBoolean()) {
                LockSupport.park(blocker);
                if (Thread.interrupted()) {
                    if (!interrupted && withdrawal.tryWithdraw()) {
                        Thread.currentThread().interrupt();
                        throw new WaitInterruptedException(operation);
                    }
                    interrupted = true;
                }
            }
        } finally {
            BubbleWait.woken(bubbleWait);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isDone() {
        return done;
    }

    /**
     * Blocks the current thread until {@code w.isDone()}: a short spin (waking a parked thread
     * costs tens of microseconds), then parking. If the thread is a carrier, its P is handed off
     * meanwhile. Uninterruptible: an interrupt is recorded and re-asserted on return. (Parking
     * with the interrupt status set returns at once, so the status is cleared while waiting;
     * otherwise the loop would spin.)
     */
    static void awaitFlag(OpWaiter w) {
        if (spinUntilDone(w)) {
            return;
        }
        Sched.enterBlocking();
        try {
            parkUntil(w, () -> w.done, NEVER, null, w.bubbleWait);
        } finally {
            Sched.exitBlocking();
        }
    }

    private static boolean spinUntilDone(OpWaiter w) {
        for (int i = 0; i < 128; i++) {
            if (w.done) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /**
     * Blocks the calling thread forever: an operation on a nil channel, an empty select. Only an
     * interrupt ends it.
     *
     * @throws WaitInterruptedException when the thread is interrupted (status kept)
     */
    static void blockForever(Object blocker, String operation) {
        Sched.enterBlocking();
        try {
            // nothing to withdraw: an interrupt always wins; nothing wakes it, so it counts as blocked for good
            parkUntil(blocker, () -> false, () -> true, operation, BubbleWait.begin());
        } finally {
            Sched.exitBlocking();
        }
    }
}
