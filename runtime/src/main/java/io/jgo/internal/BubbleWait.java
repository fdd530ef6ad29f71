package io.jgo.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One wait of a plain thread bound to a test-mode runtime (see {@link Bubble}): counts the thread
 * as blocked from the moment it parks until the moment it is woken, so that the clock jumps, and
 * a deadlock is reported, only while the thread really cannot go on.
 *
 * <p>Invariant: the bubble's count of blocked threads includes this wait exactly while
 * {@code state == COUNTED}. Only the transition NEW or COUNTED to WOKEN happens once: whoever
 * makes it (the waker, or the thread itself when its wait ends some other way) uncounts it.
 */
public final class BubbleWait {
    private static final int NEW = 0;
    private static final int COUNTED = 1;
    private static final int WOKEN = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(BubbleWait.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Sched sched;
    @SuppressWarnings("unused")
    private volatile int state;

    private BubbleWait(Sched sched) {
        this.sched = sched;
    }

    /** A wait of the calling thread, or null if it is not bound to a test-mode runtime. */
    public static BubbleWait begin() {
        Sched s = Sched.bound();
        return s == null || s.bubble == null ? null : new BubbleWait(s);
    }

    /** The thread is about to park: count it, unless it was woken already. */
    public static void parking(BubbleWait w) {
        if (w != null && STATE.compareAndSet(w, NEW, COUNTED)) {
            w.sched.boundThreadBlocks();
        }
    }

    /** The wait is over (called by the waker before it unparks, and by the thread when it returns). */
    public static void woken(BubbleWait w) {
        if (w == null) {
            return;
        }
        int s = w.state;
        while (s != WOKEN) {
            if (STATE.compareAndSet(w, s, WOKEN)) {
                if (s == COUNTED) {
                    w.sched.boundThreadUnblocks();
                }
                return;
            }
            s = w.state;
        }
    }
}
