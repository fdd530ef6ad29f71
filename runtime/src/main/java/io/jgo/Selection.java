package io.jgo;

import io.jgo.internal.BubbleWait;
import io.jgo.internal.Frames;
import io.jgo.runtime.Frame;
import io.jgo.internal.G;
import io.jgo.internal.RuntimeTimer;
import io.jgo.internal.Sched;
import io.jgo.internal.WaitReason;
import io.jgo.internal.Waiter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Go's {@code selectgo}, and the shared state of one blocked select.
 *
 * <h2>Algorithm</h2>
 * <ol>
 *   <li>Lock every (distinct, non-nil) channel of the cases in lock order (identity hash; two
 *       different channels with equal hashes make the select take the global {@link #TIE} lock
 *       first, so equal keys never deadlock).</li>
 *   <li>Count the ready cases; pick one uniformly at random and perform it. A partner it claimed
 *       is completed after every lock is released. (If a select waiter counted as a partner was
 *       claimed by someone else in between, poll again.)</li>
 *   <li>Nothing ready: with default, return null. Otherwise allocate this Selection, link every
 *       case into its channel's queue, park while still holding all the locks, release them.</li>
 *   <li>A waker that unlinks one of the cases claims the select with one CAS on {@link #fired}
 *       (losers drop the stale case and look further), then, holding no lock, unlinks the other
 *       cases from their channels and only then wakes the owner. So when a select returns, none
 *       of its cases is queued anywhere, and they can be reused.</li>
 * </ol>
 */
final class Selection {
    private static final VarHandle FIRED;
    private static final SpinLocked TIE = new SpinLocked() {
    };

    static {
        try {
            FIRED = MethodHandles.lookup().findVarHandle(Selection.class, "fired", Case.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * What {@link #fired} holds when the blocked thread was interrupted before any case fired: a
     * claim no waker can win, after which the owner unqueues its cases itself.
     */
    private static final Case INTERRUPTED = new RecvCase<>(Chan.nil());

    /** The select's cases; immutable. */
    private final Case[] cases;
    /** The parked goroutine ({@link G}) or the blocked {@link Thread}. Immutable. */
    private final Object owner;
    /** The case that won; null while waiting. Set once, by CAS. */
    private volatile Case fired;
    /** Thread owners: the failure to throw, written before {@link #done}. */
    private Throwable error;
    /** Thread owners: set once the winner has cleaned up; the owner may return then. */
    private volatile boolean done;

    /** A thread owner's wait as a test-mode runtime counts it; null otherwise. */
    private final BubbleWait bubbleWait;

    private Selection(Case[] cases, Object owner) {
        this.cases = cases;
        this.owner = owner;
        this.bubbleWait = owner instanceof Thread ? BubbleWait.begin() : null;
    }

    /** True until a case fired. */
    boolean isOpen() {
        return fired == null;
    }

    /** One CAS decides which case of a blocked select fires. */
    boolean claim(Case c) {
        return FIRED.compareAndSet(this, (Case) null, c);
    }

    /** Called by the winner with no lock held: unqueue the other cases, then wake the owner. */
    void finish(Case c, boolean ok) {
        for (Case o : cases) {
            if (o != c) {
                o.chan.removeCase(o);
            }
        }
        for (Case o : cases) {
            o.sel = null;
        }
        Throwable err = c.isSend() && !ok ? new SendOnClosedChannelException() : null;
        if (owner instanceof G) {
            ((G) owner).ready(err == null ? c : null, err);
        } else {
            error = err;
            BubbleWait.woken(bubbleWait); // before the owner can run: it is not blocked any more
            done = true;
            LockSupport.unpark((Thread) owner);
        }
    }

    /**
     * The select statement. {@code frame == null}: a plain thread, which blocks.
     *
     * @return the case that fired; null if none was ready and {@code !block}; or SUSPENDED
     */
    static Object select(Case[] cases, Frame<?> frame, boolean block) {
        int n = cases.length;
        for (int i = 0; i < n; i++) {
            Case c = cases[i];
            if (c == null) {
                throw new NullPointerException("select case " + i + " is null");
            }
            if (c.sel != null) {
                throw new IllegalStateException(c + " is in use by a select that has not returned"
                        + " (a case belongs to one goroutine or thread at a time)");
            }
            for (int j = 0; j < i; j++) {
                if (cases[j] == c) {
                    throw new IllegalArgumentException("the same case object is passed twice to one select: " + c);
                }
            }
        }
        // Lock order: distinct non-nil channels sorted by identity hash (insertion sort: n is small).
        Chan<?>[] order = new Chan<?>[n];
        int m = 0;
        boolean tie = false;
        outer:
        for (Case c : cases) {
            Chan<?> ch = c.chan;
            if (ch.isNil()) {
                continue;
            }
            int key = ch.lockOrder();
            int k = m;
            while (k > 0) {
                Chan<?> prev = order[k - 1];
                if (prev == ch) {
                    continue outer;
                }
                int pk = prev.lockOrder();
                if (pk < key) {
                    break;
                }
                if (pk == key) {
                    // same key: scan the equal run for ch itself, else remember the tie
                    for (int q = k - 1; q >= 0 && order[q].lockOrder() == key; q--) {
                        if (order[q] == ch) {
                            continue outer;
                        }
                    }
                    tie = true;
                    break;
                }
                k--;
            }
            System.arraycopy(order, k, order, k + 1, m - k);
            order[k] = ch;
            m++;
        }
        if (m == 0) {
            if (!block) {
                return null;
            }
            return blockForever(frame, n == 0 ? WaitReason.SELECT_NO_CASES : WaitReason.SELECT);
        }
        lockAll(order, m, tie);
        for (;;) {
            int ready = 0;
            for (Case c : cases) {
                if (c.chan.readyLocked(c)) {
                    ready++;
                }
            }
            if (ready == 0) {
                break;
            }
            int pick = ready == 1 ? 0 : Sched.random(ready);
            Case chosen = null;
            for (Case c : cases) {
                if (c.chan.readyLocked(c) && pick-- == 0) {
                    chosen = c;
                    break;
                }
            }
            if (chosen == null) {
                continue; // a counted partner was claimed by another waker meanwhile
            }
            Object r = chosen.chan.performLocked(chosen);
            if (r == Chan.WOULD_BLOCK) {
                continue;
            }
            unlockAll(order, m, tie);
            if (r == Chan.CLOSED) {
                throw new SendOnClosedChannelException();
            }
            if (r != null) {
                ((Waiter) r).complete(chosen.isSend() ? chosen.elem : null, true);
            }
            return chosen;
        }
        if (!block) {
            unlockAll(order, m, tie);
            return null;
        }
        G g = frame != null ? Frames.goroutineOf(frame) : null;
        Selection sel = new Selection(cases, g != null ? g : Thread.currentThread());
        RuntimeTimer arm = null;
        RuntimeTimer[] moreArms = null;
        for (Case c : cases) {
            c.sel = sel;
            Chan<?> ch = c.chan;
            if (!ch.isNil()) {
                ch.enqueueLocked(c);
                RuntimeTimer t = ch.receiverQueuedLocked();
                if (t != null) {
                    if (arm == null) {
                        arm = t;
                    } else {
                        moreArms = append(moreArms, t);
                    }
                }
            }
        }
        Object result = g != null ? g.park(frame, WaitReason.SELECT) : null;
        unlockAll(order, m, tie);
        TimerChan.start(arm);
        if (moreArms != null) {
            for (RuntimeTimer t : moreArms) {
                TimerChan.start(t);
            }
        }
        if (g != null) {
            return result; // SUSPENDED; from here on the select belongs to its waker
        }
        sel.awaitDone();
        if (sel.error != null) {
            throw (RuntimeException) sel.error;
        }
        return sel.fired;
    }

    private static RuntimeTimer[] append(RuntimeTimer[] a, RuntimeTimer t) {
        if (a == null) {
            return new RuntimeTimer[] {t};
        }
        RuntimeTimer[] b = java.util.Arrays.copyOf(a, a.length + 1);
        b[a.length] = t;
        return b;
    }

    private static void lockAll(Chan<?>[] order, int m, boolean tie) {
        if (tie) {
            TIE.enter();
        }
        for (int i = 0; i < m; i++) {
            order[i].enter();
        }
    }

    private static void unlockAll(Chan<?>[] order, int m, boolean tie) {
        for (int i = m - 1; i >= 0; i--) {
            order[i].exit();
        }
        if (tie) {
            TIE.exit();
        }
    }

    /**
     * A thread owner waits until the winner has finished. An interrupt claims the select with
     * {@link #INTERRUPTED} if no case fired yet (the same CAS a waker must win, so the two cannot
     * both succeed); the owner then unqueues its cases and throws. If a case won first, the
     * select happened: wait for its winner and return it, with the interrupt status set again.
     */
    private void awaitDone() {
        for (int i = 0; i < 128; i++) {
            if (done) {
                return;
            }
            Thread.onSpinWait();
        }
        Sched.enterBlocking();
        try {
            OpWaiter.parkUntil(this, () -> done, this::withdrawByInterrupt, "select", bubbleWait);
        } finally {
            Sched.exitBlocking();
        }
    }

    private boolean withdrawByInterrupt() {
        if (!claim(INTERRUPTED)) {
            return false;
        }
        withdrawCases();
        return true;
    }

    /**
     * After an interrupt's claim: unqueue every case. A waker that dequeued one meanwhile lost
     * the claim under that channel's lock and dropped it; once each lock has been taken here, no
     * waker can still be looking at a case, so the cases are free for reuse.
     */
    private void withdrawCases() {
        for (Case o : cases) {
            o.chan.removeCase(o);
        }
        for (Case o : cases) {
            o.sel = null;
        }
    }

    private static Object blockForever(Frame<?> frame, WaitReason reason) {
        if (frame != null) {
            return Frames.goroutineOf(frame).park(frame, reason);
        }
        OpWaiter.blockForever(reason, reason.text());
        return null;
    }
}
