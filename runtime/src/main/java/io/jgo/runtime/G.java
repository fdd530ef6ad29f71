package io.jgo.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A goroutine: the unit the scheduler runs. It owns a chain of {@link Frame}s; {@link #top} is
 * the innermost one, where the goroutine continues.
 *
 * <p>Status moves RUNNABLE → RUNNING → (WAITING → RUNNABLE → RUNNING)* → DEAD.
 * Invariants:
 * <ul>
 *   <li>{@code top}, {@code waitReason} and the resume slots are written by the goroutine itself
 *       while RUNNING (park) or by its single waker (ready) before it is queued, and read by the
 *       carrier that dequeues it: the run queue's hand-off (a release/acquire pair or the
 *       scheduler lock) orders them.</li>
 *   <li>Each {@link #park} is matched by exactly one {@link #ready}. Whoever may wake a parked
 *       goroutine from several places (select, timers) must arbitrate first.</li>
 *   <li>{@code park} is called while the operation still holds the lock that publishes its waiter,
 *       so a waker always finds the goroutine WAITING.</li>
 *   <li>After its frame returned {@code SUSPENDED}, the carrier that ran it writes nothing to it:
 *       the goroutine may already run on another carrier.</li>
 *   <li>The scheduler keeps a WAITING goroutine reachable only through the registry
 *       ({@link GRegistry}); everything else that references it is what can wake it. The
 *       deadlock check relies on this (see docs/runtime.md).</li>
 * </ul>
 */
public class G {
    public static final int RUNNABLE = 0;
    public static final int RUNNING = 1;
    public static final int WAITING = 2;
    public static final int DEAD = 3;

    private static final AtomicLong IDS = new AtomicLong();
    private static final int ID_BATCH = 16;
    private static final VarHandle STATUS;

    static {
        try {
            STATUS = MethodHandles.lookup().findVarHandle(G.class, "status", byte.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final long id = nextId();
    /** Written with release semantics (no fence on the hot path); racy readers use acquire. */
    @SuppressWarnings("unused")
    private byte status = RUNNABLE;
    WaitReason waitReason;
    Frame<?> top;
    /**
     * What the parked frame resumes with: the operation's result, or a {@link Failure} carrying
     * the exception to throw there (one slot instead of two keeps a G at 64 bytes).
     */
    Object resumeValue;
    /** The waiter this goroutine reuses for every park (io.jgo's OpWaiter); null until needed. */
    private Object parkWaiter;
    /** Set by the monitor when this goroutine ran too long; cleared when it yields. */
    volatile boolean preempt;
    /** The timer this goroutine reuses for every sleep (io.jgo's); null until it first sleeps. */
    private Object sleepTimer;

    /** Link in the global run queue or a batch; guarded by the scheduler lock. */
    G schedLink;
    /** Links in the registry of all goroutines; guarded by the registry stripe's lock. */
    G allPrev;
    G allNext;

    G(Frame<?> root) {
        this.top = root;
        root.g = this;
    }

    /**
     * Receives the root frame's result or failure; null for fire-and-forget goroutines, which
     * carry no field for it (a plain {@code go} goroutine is the common case: 56 bytes).
     */
    BiConsumer<Object, Throwable> onExit() {
        return null;
    }

    /** A goroutine whose end someone waits for ({@code Jgo.run}, {@code Jgo.start}). */
    static final class Observed extends G {
        private final BiConsumer<Object, Throwable> onExit;

        Observed(Frame<?> root, BiConsumer<Object, Throwable> onExit) {
            super(root);
            this.onExit = onExit;
        }

        @Override
        BiConsumer<Object, Throwable> onExit() {
            return onExit;
        }
    }

    /**
     * A new goroutine id: unique, increasing per carrier. A carrier takes them in batches (Go's
     * goidcache), so spawning costs no atomic operation in the common case.
     */
    private static long nextId() {
        Thread t = Thread.currentThread();
        if (t instanceof M) {
            M m = (M) t;
            if (m.idNext == m.idLimit) {
                m.idNext = IDS.getAndAdd(ID_BATCH) + 1;
                m.idLimit = m.idNext + ID_BATCH;
            }
            return m.idNext++;
        }
        return IDS.incrementAndGet();
    }

    /** Goroutine id, as Go's dumps print it ({@code goroutine 7 [chan receive]}). */
    public long id() {
        return id;
    }

    /**
     * The channel and sync waiter this goroutine reuses (owned by {@code io.jgo}; the runtime
     * only keeps it). Read and written only by the goroutine itself.
     */
    public Object parkWaiter() {
        return parkWaiter;
    }

    /** Stores the reusable waiter; see {@link #parkWaiter()}. */
    public void setParkWaiter(Object waiter) {
        parkWaiter = waiter;
    }

    /**
     * The timer this goroutine reuses for {@code sleep} (owned by {@code io.jgo}). Only the
     * goroutine itself starts it, and it cannot sleep again before the timer fired: firing is
     * what wakes it, and the heap has let go of the timer by then.
     */
    public Object sleepTimer() {
        return sleepTimer;
    }

    /** Stores the reusable sleep timer; see {@link #sleepTimer()}. */
    public void setSleepTimer(Object timer) {
        sleepTimer = timer;
    }

    /** One of RUNNABLE, RUNNING, WAITING, DEAD (a racy snapshot when read by another thread). */
    public int status() {
        return (byte) STATUS.getAcquire(this);
    }

    void setStatus(int s) {
        STATUS.setRelease(this, (byte) s);
    }

    /** Why it is parked; null unless WAITING. */
    public WaitReason waitReason() {
        return waitReason;
    }

    /** The innermost frame: where the goroutine is parked or continues. */
    public Frame<?> top() {
        return top;
    }

    /**
     * Parks this goroutine at {@code at} (the operation's slow path). Call it while still holding
     * the lock under which the waiter became visible to wakers, then return the result.
     *
     * @return {@link Frame#SUSPENDED}, for the operation to return
     */
    public Object park(Frame<?> at, WaitReason reason) {
        top = at;
        waitReason = reason;
        setStatus(WAITING);
        return Frame.SUSPENDED;
    }

    /**
     * Makes a parked goroutine runnable; its parked frame resumes with {@code value}, or throws
     * {@code error} at the suspension point. Called once per park, by the one waker, from any
     * thread: on a carrier the goroutine runs next on that carrier's P (Go's runnext), from a
     * plain thread it goes to the global run queue and an idle P is woken.
     */
    public void ready(Object value, Throwable error) {
        if (status() != WAITING) {
            throw new IllegalStateException("goroutine " + id + " readied while not waiting"
                    + " (each park must be matched by exactly one ready)");
        }
        resumeValue = error == null ? value : new Failure(error);
        waitReason = null;
        setStatus(RUNNABLE);
        Sched.get().ready(this);
    }

    /**
     * Runs the frame chain until the goroutine parks or ends: the trampoline. A finished frame's
     * result goes to its caller's resume in this loop, so resuming never grows the Java stack.
     */
    void run() {
        setStatus(RUNNING);
        Frame<?> f = top;
        Object value = resumeValue;
        Throwable error = null;
        resumeValue = null;
        if (value instanceof Failure) {
            error = ((Failure) value).error;
            value = null;
        }
        for (;;) {
            Object result;
            try {
                result = f.resume(value, error);
                error = null;
            } catch (Throwable t) {
                result = null;
                error = t;
            }
            if (result == Frame.SUSPENDED) {
                return; // parked: a waker owns this goroutine now; touch nothing
            }
            Frame<?> caller = f.caller;
            if (caller == null) {
                top = null;
                setStatus(DEAD);
                Sched.get().exited(this, result, error);
                return;
            }
            f = caller;
            value = result;
        }
    }

    @Override
    public String toString() {
        return "goroutine " + id;
    }

    /** A resumption by exception: the parked frame throws {@code error} at its suspension point. */
    private static final class Failure {
        final Throwable error;

        Failure(Throwable error) {
            this.error = error;
        }
    }
}
