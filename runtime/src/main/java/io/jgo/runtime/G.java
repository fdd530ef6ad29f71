package io.jgo.runtime;

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
 *       carrier that dequeues it: the run queue's hand-off orders them.</li>
 *   <li>Each {@link #park} is matched by exactly one {@link #ready}. Whoever may wake a parked
 *       goroutine from several places (select, timers) must arbitrate first.</li>
 *   <li>{@code park} is called while the operation still holds the lock that publishes its waiter,
 *       so a waker always finds the goroutine WAITING.</li>
 * </ul>
 */
public final class G {
    public static final int RUNNABLE = 0;
    public static final int RUNNING = 1;
    public static final int WAITING = 2;
    public static final int DEAD = 3;

    private static final AtomicLong IDS = new AtomicLong();

    final long id = IDS.incrementAndGet();
    volatile int status = RUNNABLE;
    WaitReason waitReason;
    Frame<?> top;
    Object resumeValue;
    Throwable resumeError;
    /** Set by the monitor when this goroutine ran too long; cleared when it yields. */
    volatile boolean preempt;
    /** Receives the root frame's result or failure; null for fire-and-forget goroutines. */
    final BiConsumer<Object, Throwable> onExit;

    G(Frame<?> root, BiConsumer<Object, Throwable> onExit) {
        this.top = root;
        this.onExit = onExit;
        root.g = this;
    }

    /** Goroutine id, as Go's dumps print it ({@code goroutine 7 [chan receive]}). */
    public long id() {
        return id;
    }

    public int status() {
        return status;
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
        status = WAITING;
        return Frame.SUSPENDED;
    }

    /**
     * Makes a parked goroutine runnable; its parked frame resumes with {@code value}, or throws
     * {@code error} at the suspension point. Called once per park, by the one waker.
     */
    public void ready(Object value, Throwable error) {
        if (status != WAITING) {
            throw new IllegalStateException("goroutine " + id + " readied while not waiting");
        }
        resumeValue = value;
        resumeError = error;
        waitReason = null;
        status = RUNNABLE;
        Sched.get().ready(this);
    }

    /**
     * Runs the frame chain until the goroutine parks or ends: the trampoline. A finished frame's
     * result goes to its caller's resume in this loop, so resuming never grows the Java stack.
     */
    void run() {
        status = RUNNING;
        Frame<?> f = top;
        Object value = resumeValue;
        Throwable error = resumeError;
        resumeValue = null;
        resumeError = null;
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
                status = DEAD;
                Sched.get().exited(this);
                if (onExit != null) {
                    onExit.accept(result, error);
                } else if (error != null) {
                    Sched.get().panic(this, error);
                }
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
}
