package io.jgo.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A carrier thread (Go's M). It runs goroutines while it holds a P; without work it spins a
 * little, then parks on its note. All the fields below are this thread's own unless said
 * otherwise.
 */
public final class M extends Thread {
    private static final VarHandle SPAWNED;
    private static final VarHandle EXITED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SPAWNED = l.findVarHandle(M.class, "spawned", long.class);
            EXITED = l.findVarHandle(M.class, "exited", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Sched sched;

    /** The P this M holds, or null. */
    P p;
    /** P handed over by {@link Sched#startm} before waking this M; guarded by the scheduler lock. */
    P nextp;
    /** Looking for work while holding a P (counted in Sched.nmspinning). */
    boolean spinning;
    /**
     * Id of the goroutine running on this M, or 0. An id, not the G: a reference stored into a
     * long-lived object on every switch costs G1 a card-marking fence (docs/runtime.md, "M");
     * {@link P#curg()} is the one reference kept.
     */
    long curgId;
    /**
     * The running goroutine while it is in a blocking section (its P handed off, so no
     * {@code P.curg} has it), for the P it gets back; cleared when the goroutine suspends.
     */
    G syscallG;
    /** The running goroutine took its slice from runnext: do not start a new time slice. */
    boolean inheritTime;
    /** Set by gosched/preemption while a goroutine runs: requeue it globally once it unwound. */
    boolean yieldGlobal;
    /** True while this M fires timers: readied goroutines go to the tail, in deadline order. */
    boolean firingTimers;
    /** Depth of enterBlocking sections. */
    int blocking;
    /** The P released by the outermost enterBlocking, tried first on exit. */
    P oldp;
    /**
     * The goroutine running on this M, or null. For test hooks and diagnostics on this M's own
     * thread, not the scheduler's paths: its P's {@code curg} while it holds one, else the
     * goroutine in a blocking section.
     */
    G curg() {
        if (curgId == 0) {
            return null;
        }
        P held = p;
        G g = held != null ? held.curg() : null;
        return g != null && g.id == curgId ? g : syscallG;
    }

    /** This carrier's batch of goroutine ids: the next to give out, and the end (exclusive). */
    long idNext;
    long idLimit;
    /** Goroutines this carrier spawned and saw end; written by it only (opaque), summed by others. */
    private long spawned;
    private long exited;
    /** Scratch for expired timers (fired outside the heap lock). */
    final RuntimeTimer[] expired = new RuntimeTimer[64];

    /** Idle list link and membership; guarded by the scheduler lock. */
    M idleLink;
    boolean idle;

    /** One-shot wake-up flag for park/unpark (Go's note). */
    private volatile boolean notified;

    /**
     * Nested {@link Frame#call}s on this carrier's Java stack right now; this thread's own. Past
     * {@link Frame#MAX_NESTED_CALLS} a call unwinds into the trampoline instead (see G.run).
     */
    public int callDepth;

    /** Set under the scheduler lock when this M must end (see Sched.mexit); then read by itself. */
    volatile boolean ending;

    M(Sched sched, String name) {
        super(name);
        this.sched = sched;
        setDaemon(true);
    }

    @Override
    public void run() {
        sched.mstart(this);
    }

    /**
     * Parks until {@link #wakeup()} or until {@code deadline} (System.nanoTime; 0 = none). May
     * return early (spurious): callers re-derive their state under the scheduler lock.
     */
    void sleepUntil(long deadline) {
        while (!notified) {
            // Untransformed user code may leave this carrier's interrupt status set; parking
            // would then return at once and this loop spin. Interrupts mean nothing to a carrier.
            Thread.interrupted();
            if (deadline == 0) {
                LockSupport.park(this);
            } else {
                long rest = deadline - System.nanoTime();
                if (rest <= 0) {
                    break;
                }
                LockSupport.parkNanos(this, rest);
            }
        }
        notified = false;
    }

    /**
     * Monitoring counters (see {@link Sched#stats()}): written by this carrier only, with plain
     * stores (no atomic on the hot path), and summed by readers racily: a reader may see a value
     * a little old, which a monitoring figure tolerates; nothing decides on them.
     */
    long runs;
    long steals;
    long timersFired;
    long handoffs;

    /** Goroutines that ended on this carrier (for {@link Sched#stats()}). */
    long exits() {
        return (long) EXITED.getOpaque(this);
    }

    void countSpawn() {
        SPAWNED.setOpaque(this, spawned + 1);
    }

    void countExit() {
        EXITED.setOpaque(this, exited + 1);
    }

    /** Spawned here minus ended here (negative when goroutines moved here to end). */
    long liveDelta() {
        return (long) SPAWNED.getOpaque(this) - (long) EXITED.getOpaque(this);
    }

    void wakeup() {
        notified = true;
        LockSupport.unpark(this);
    }
}
