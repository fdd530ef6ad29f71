package io.jgo.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A runtime's test mode (Go's {@code testing/synctest} "bubble"): its goroutines plus the plain
 * threads bound to it (a test's own thread) live on a virtual clock that stands still while any
 * of them can run, and jumps to the next timer's deadline once every one of them is durably
 * blocked. With a seed, the one P also picks the next goroutine to run and the case a
 * {@code select} takes from a seeded generator, so a run replays from its seed.
 *
 * <p>Invariants: {@link #now} only grows, and only by the monitor (a jump, when the runtime is
 * quiescent and every bound thread blocked) or by a bound thread advancing it by hand; both hold
 * the scheduler lock. {@link #bound} and {@link #blocked} are guarded by the scheduler lock, and
 * {@code blocked <= bound}.
 */
final class Bubble {
    private final Sched sched;
    /** The virtual {@code nanoTime}. */
    private volatile long now;
    private final long startNanos;
    private final Instant startInstant;
    /** Seeded choices, or null for the usual scheduling. Used under {@link #rngLock}. */
    private final Random rng;
    private final Object rngLock = new Object();
    final long seed;

    /** Plain threads bound to the runtime, and how many of them are in a jgo wait now. */
    private int bound;
    private int blocked;
    /** Threads waiting in {@link #awaitQuiescent}. */
    private int quiescenceWaiters;
    /** Called when everything is blocked and no timer is pending; null: nobody listens. */
    volatile Runnable onStuck;
    /** The activity count at which {@link #onStuck} was last told, so it is told once per state. */
    private long stuckReportedAt = -1;

    Bubble(Sched sched, boolean seeded, long seed) {
        this.sched = sched;
        this.startNanos = System.nanoTime();
        this.now = startNanos;
        this.startInstant = Instant.now();
        this.seed = seed;
        this.rng = seeded ? new Random(seed) : null;
    }

    long nanoTime() {
        return now;
    }

    Instant instant() {
        return startInstant.plusNanos(now - startNanos);
    }

    boolean seeded() {
        return rng != null;
    }

    /** A seeded choice in {@code [0, n)}. */
    int choose(int n) {
        synchronized (rngLock) {
            return rng.nextInt(n);
        }
    }

    // ---- bound threads (all under the scheduler lock)

    void bind() {
        bound++;
    }

    void unbind() {
        bound--;
    }

    void threadBlocks() {
        blocked++;
    }

    void threadUnblocks() {
        blocked--;
    }

    /** Lock held: some bound thread is in a jgo wait. */
    boolean anyThreadBlocked() {
        return blocked > 0;
    }

    /** Lock held: every bound thread is in a jgo wait (true when none is bound). */
    boolean threadsBlocked() {
        return blocked >= bound;
    }

    // ---- the clock (scheduler lock held)

    /** Lock held: moves the clock to {@code t} if that is later. */
    void advanceTo(long t) {
        if (t - now > 0) {
            now = t;
        }
    }

    /** Lock held, the runtime quiescent: tells whoever waits for it. */
    void quiescent() {
        if (quiescenceWaiters > 0) {
            sched.lock.notifyAll();
        }
    }

    /**
     * Waits, on a bound thread that is not blocked, until every carrier is parked and nothing is
     * queued; false on timeout. Lock held.
     */
    boolean awaitQuiescent(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        quiescenceWaiters++;
        try {
            while (!sched.quiescentLocked()) {
                long rest = deadline - System.nanoTime();
                if (rest <= 0) {
                    return false;
                }
                sched.lock.wait(Math.max(1, rest / 1_000_000L));
            }
            return true;
        } finally {
            quiescenceWaiters--;
        }
    }

    /** Lock held: report a stuck state once (the monitor calls it while nothing changes). */
    boolean firstReportOf(long activity) {
        if (stuckReportedAt == activity) {
            return false;
        }
        stuckReportedAt = activity;
        return true;
    }

    /**
     * Takes every goroutine queued on {@code p} and the global queue and hands one back chosen by
     * the seed, the others requeued in their order. Owner of p only, one P in the runtime.
     */
    static List<G> drain(RunQueue q, List<G> into) {
        G next = q.takeNext();
        if (next != null) {
            into.add(next);
        }
        for (G g; (g = q.getFromRing()) != null;) {
            into.add(g);
        }
        return into;
    }

    static List<G> newList() {
        return new ArrayList<>();
    }
}
