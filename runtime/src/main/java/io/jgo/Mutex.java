package io.jgo;

import io.jgo.internal.Frames;
import io.jgo.runtime.Frame;
import io.jgo.internal.G;
import io.jgo.runtime.Suspending;
import io.jgo.internal.WaitReason;
import io.jgo.internal.Waiter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Go's {@code sync.Mutex}: a mutual exclusion lock, usable from goroutines (a waiting goroutine
 * parks; its carrier runs others) and plain threads alike. It is not reentrant and not owned:
 * any goroutine may unlock it, as in Go.
 *
 * <h2>Fairness: Go's normal and starvation modes</h2>
 * An uncontended lock and unlock is one CAS each. Waiters queue in FIFO order. In <b>normal
 * mode</b> {@code unlock} releases the mutex and wakes the first waiter without giving it the
 * mutex: the woken waiter competes with newcomers, which are already running and usually win
 * (barging keeps the mutex busy while the woken waiter is being rescheduled, instead of idle);
 * a waiter that loses goes back to the <em>front</em> of the queue. While one woken waiter is on
 * its way, {@code unlock} wakes no other. A woken waiter that has waited more than 1 ms in all
 * switches the mutex to <b>starvation mode</b>: {@code unlock} then hands the mutex directly to
 * the first waiter and newcomers queue at the tail without trying. The mutex goes back to normal
 * mode when the waiter that receives it is the last one or has waited less than 1 ms.
 *
 * <p>A goroutine's frame resumes <em>after</em> its {@code lock()} call, holding the mutex. So
 * the suspending twin parks a small frame of its own ({@code LockRetry}) nested under the
 * caller's: when woken it tries again, re-queues and parks if it loses, and returns to the caller
 * only holding the mutex. It is allocated only when the goroutine must wait. A waiter that
 * {@link Cond} moves here (wait morphing) cannot retry: it always receives the mutex by hand-off.
 */
public final class Mutex extends SpinLocked implements Locker {
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Mutex.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Someone holds the mutex. */
    private static final int LOCKED = 1;
    /** A woken waiter is on its way to retry: {@code unlock} wakes no other. Cleared by it. */
    private static final int WOKEN = 2;
    /**
     * Starvation mode: {@code unlock} hands the mutex to the first waiter. Set only under the
     * queue lock with LOCKED and WAITERS; so LOCKED stays set until the mode ends.
     */
    private static final int STARVING = 4;
    /** The queue is non-empty. Set and cleared only under the queue lock. */
    private static final int WAITERS = 8;

    /** A waiter that waited longer than this switches the mutex to starvation mode (Go's 1 ms). */
    static final long STARVATION_NANOS = 1_000_000L;

    /** Completion value of a waiter that received the mutex by hand-off (it must not retry). */
    static final Object HANDED_OFF = new Object();

    /**
     * The bits above. The fast paths set or clear LOCKED with one CAS that keeps the other bits
     * (so they stay fast while waiters are queued), without the queue lock.
     */
    private volatile int state;
    /**
     * A hint, read and written without synchronization (a stale value only picks the slower
     * path): false until a lock or unlock found the state other than exactly free or exactly
     * held. Until then both fast paths CAS those exact values, as Go's do: no load feeds the CAS,
     * which saves the load's wait behind the previous atomic (a measurable gain on uncontended
     * lock/unlock pairs; benchmarks/NOTES.md). Once set, they read the state first: under contention WAITERS is often set,
     * and an exact-value CAS would fail every time, an atomic spent for nothing.
     */
    private byte hints;
    /** In {@link #hints}: the contention hint above. */
    private static final byte SAW_CONTENTION = 1;
    /** In {@link #hints}, set only at construction (tests): every waiter starves at once. */
    private static final byte STARVE_AT_ONCE = 2;
    /** In {@link #hints}, set only at construction (tests): starving takes {@link #PATIENT_NANOS}. */
    private static final byte PATIENT = 4;
    /** The starvation threshold of a {@link #patient()} mutex: longer than any real wait of a test. */
    static final long PATIENT_NANOS = 30_000_000_000L;
    /** FIFO queue of waiters; guarded by the (SpinLocked) queue lock. */
    private Waiter waiters;
    public Mutex() {
    }

    /** A mutex whose every waiter starves at once (tests): hand-offs on every unlock. */
    static Mutex alwaysStarving() {
        Mutex mu = new Mutex();
        mu.hints = STARVE_AT_ONCE;
        return mu;
    }

    /**
     * A mutex whose waiters starve only after {@link #PATIENT_NANOS} (tests): a test can queue a
     * waiter with a made-up long wait and keep real waits short, however slow the machine.
     */
    static Mutex patient() {
        Mutex mu = new Mutex();
        mu.hints = PATIENT;
        return mu;
    }

    /** A waiter that has waited this long switches the mutex to starvation mode. */
    private boolean starves(long waitedNanos) {
        int h = hints;
        if (h == 0 || h == SAW_CONTENTION) {
            return waitedNanos > STARVATION_NANOS;
        }
        return (h & STARVE_AT_ONCE) != 0 || waitedNanos > ((h & PATIENT) != 0 ? PATIENT_NANOS : STARVATION_NANOS);
    }

    /** Locks the mutex, waiting until it is free. */
    @Override
    @Suspending
    public void lock() {
        if (tryBarge()) {
            return;
        }
        long waitStart = System.nanoTime();
        boolean woken = false;
        for (;;) {
            OpWaiter w = OpWaiter.forThread();
            if (acquireOrQueue(w, null, woken, System.nanoTime() - waitStart)) {
                return;
            }
            w.await();
            if (w.elem == HANDED_OFF) {
                handedOff(System.nanoTime() - waitStart);
                return;
            }
            woken = true;
        }
    }

    /** Suspending twin of {@link #lock()}. */
    @Override
    public Object lock(Frame<?> frame) {
        if (tryBarge()) {
            return null;
        }
        return lockSlow(frame);
    }

    /** Kept out of {@link #lock(Frame)} so that the fast path stays small enough to inline. */
    private Object lockSlow(Frame<?> frame) {
        LockRetry retry = Frame.nest(frame, new LockRetry(this, System.nanoTime()));
        return acquireOrQueue(waiterFor(Frames.goroutineOf(frame)), retry, false, 0) ? null : Frame.SUSPENDED;
    }

    /** Locks the mutex if it is free now (and not reserved for a starving waiter); never waits. */
    public boolean tryLock() {
        return tryBarge();
    }

    /**
     * Unlocks the mutex. In normal mode it wakes the first waiter (unless a woken one is still on
     * its way); in starvation mode the first waiter now holds it.
     *
     * @throws IllegalStateException "sync: unlock of unlocked mutex"
     */
    @Override
    public void unlock() {
        if ((hints & SAW_CONTENTION) == 0) {
            if (STATE.compareAndSet(this, LOCKED, 0)) {
                return;
            }
            hints |= SAW_CONTENTION;
        }
        unlockSlow();
    }

    private void unlockSlow() {
        for (;;) {
            int s = state;
            if ((s & LOCKED) == 0) {
                throw new IllegalStateException("sync: unlock of unlocked mutex");
            }
            if ((s & STARVING) != 0) {
                handOff();
                return;
            }
            if (STATE.compareAndSet(this, s, s & ~LOCKED)) {
                if ((s & (WAITERS | WOKEN)) == WAITERS) {
                    wakeFirst();
                }
                return;
            }
        }
    }

    /**
     * Takes the mutex if it is free and not in starvation mode, barging past any queue: the fast
     * path of every lock (one CAS; after the contention hint, a read and one CAS, also while
     * waiters are queued or one is woken).
     */
    private boolean tryBarge() {
        if ((hints & SAW_CONTENTION) == 0) {
            if (STATE.compareAndSet(this, 0, LOCKED)) {
                return true;
            }
            hints |= SAW_CONTENTION;
        }
        return tryBargeSlow();
    }

    private boolean tryBargeSlow() {
        for (;;) {
            int s = state;
            if ((s & (LOCKED | STARVING)) != 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s | LOCKED)) {
                return true;
            }
        }
    }

    /**
     * One try of a waiter, under the queue lock: takes the mutex if it is free in normal mode
     * (returns true), else queues {@code w} and, for a goroutine, parks {@code at} (returns
     * false). A {@code woken} waiter clears WOKEN in the same CAS and goes back to the front of
     * the queue, a newcomer to the tail. A waiter that has waited more than 1 ms in all
     * ({@code waitedNanos}) switches the mutex to starvation mode.
     */
    boolean acquireOrQueue(Waiter w, Frame<?> at, boolean woken, long waitedNanos) {
        int clear = woken ? WOKEN : 0;
        enter();
        for (;;) {
            int s = state;
            if ((s & (LOCKED | STARVING)) == 0) {
                if (STATE.compareAndSet(this, s, (s | LOCKED) & ~clear)) {
                    exit();
                    return true;
                }
            } else {
                // LOCKED is set (STARVING implies it), so its holder's unlock will see WAITERS
                int n = (s | WAITERS) & ~clear;
                if (starves(waitedNanos)) {
                    n |= STARVING;
                }
                if (n == s || STATE.compareAndSet(this, s, n)) {
                    break;
                }
            }
        }
        Waiter head = Waiter.enqueue(waiters, w);
        waiters = woken ? w : head; // the queue is circular: w, appended at the tail, heads it
        if (at != null) {
            Frames.goroutineOf(at).park(at, WaitReason.MUTEX_LOCK);
        }
        exit();
        return false;
    }

    /** Normal mode, after an unlock: wakes the first waiter unless someone else will. */
    private void wakeFirst() {
        Waiter w;
        enter();
        for (;;) {
            int s = state;
            // Taken meanwhile (its holder wakes one at unlock), a woken waiter is on its way,
            // or nobody waits any more.
            if ((s & (LOCKED | WOKEN | STARVING)) != 0 || (s & WAITERS) == 0) {
                exit();
                return;
            }
            w = waiters;
            // A Cond waiter cannot retry: give it the mutex; wake any other one to compete.
            int n = w instanceof Reacquirer ? s | LOCKED : s | WOKEN;
            if (w.next == w) {
                n &= ~WAITERS;
            }
            if (STATE.compareAndSet(this, s, n)) {
                break;
            }
        }
        waiters = Waiter.unlink(w, w);
        exit();
        w.complete(null, true);
    }

    /** Starvation mode: the unlocking holder gives the mutex to the first waiter. */
    private void handOff() {
        enter();
        Waiter w = waiters;
        waiters = Waiter.unlink(w, w);
        if (waiters == null) {
            clear(STARVING | WAITERS); // the last waiter ends starvation mode
        }
        exit();
        w.complete(HANDED_OFF, true); // LOCKED stays set: w holds the mutex now
    }

    /** A waiter that received the mutex by hand-off after {@code waitedNanos} in all. */
    void handedOff(long waitedNanos) {
        if (!starves(waitedNanos)) {
            clear(STARVING); // the queue moves fast enough: back to normal mode
        }
    }

    private void clear(int bits) {
        for (;;) {
            int s = state;
            if ((s & bits) == 0 || STATE.compareAndSet(this, s, s & ~bits)) {
                return;
            }
        }
    }

    /** The waiter a goroutine queues with: its reusable one (it parks on one thing at a time). */
    private static Waiter waiterFor(G g) {
        return OpWaiter.forGoroutine(g, OpWaiter.SYNC);
    }

    /** For {@link Cond}: acquires the mutex on behalf of {@code w}, completing it when held. */
    void acquireFor(Waiter w) {
        Reacquirer r = new Reacquirer(w);
        if (acquireOrQueue(r, null, false, 0)) {
            r.complete(null, true);
        }
    }

    /** True if some goroutine or thread holds the mutex now (a snapshot, for tests). */
    boolean isLocked() {
        return (state & LOCKED) != 0;
    }

    /** True once a lock or unlock left the exact-value fast paths (for tests). */
    boolean sawContention() {
        return (hints & SAW_CONTENTION) != 0;
    }

    /** True if any bit but LOCKED is set: WOKEN, STARVING, WAITERS (a snapshot, for tests). */
    boolean hasStateBits() {
        return (state & ~LOCKED) != 0;
    }

    /** True in starvation mode (a snapshot, for tests). */
    boolean isStarving() {
        return (state & STARVING) != 0;
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

    @Override
    public String toString() {
        return isLocked() ? "Mutex(locked)" : "Mutex(unlocked)";
    }

    /**
     * The frame a waiting goroutine parks, nested under the frame that called {@code lock}: it
     * retries when woken and returns to that frame only holding the mutex.
     */
    private static final class LockRetry extends Frame<Void> {
        private final Mutex mu;
        /** When the goroutine first queued; the wait counts from here across re-queues. */
        private final long waitStart;

        LockRetry(Mutex mu, long waitStart) {
            this.mu = mu;
            this.waitStart = waitStart;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            if (error != null) {
                throw error;
            }
            long waited = System.nanoTime() - waitStart;
            if (value == HANDED_OFF) {
                mu.handedOff(waited);
                return null;
            }
            return mu.acquireOrQueue(waiterFor(Frames.goroutineOf(this)), this, true, waited) ? null : SUSPENDED;
        }

        /** Dumps show the caller's {@code lock()} line, not this frame. */
        @Override
        protected boolean waitsForCaller() {
            return true;
        }

        /** The caller's line: the goroutine waits at its {@code lock()} call. */
        @Override
        public StackTraceElement location() {
            return caller().location();
        }
    }

    /** A {@link Cond} waiter re-acquiring the mutex: completed only once it holds it. */
    private static final class Reacquirer extends Waiter {
        private final Waiter condWaiter;

        Reacquirer(Waiter condWaiter) {
            this.condWaiter = condWaiter;
        }

        @Override
        public void complete(Object value, boolean ok) {
            condWaiter.complete(null, true);
        }
    }
}
