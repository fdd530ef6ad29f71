package io.jgo.internal;

import java.lang.invoke.VarHandle;

/**
 * A logical processor: the right to run goroutines. There are GOMAXPROCS of them in
 * {@link Sched#allp}; an M must hold one to run goroutines from the run queues.
 *
 * <p>Invariants:
 * <ul>
 *   <li>At most one M owns a P ({@link #m}); only the owner puts into {@link #runq} and writes
 *       {@link #schedtick} and {@link #curg()}. Others read those racily (the monitor) or steal
 *       (the run queue is safe for that).</li>
 *   <li>A P on the idle list has no owner and an empty run queue; the idle list and
 *       {@link #idleLink} are guarded by the scheduler lock.</li>
 *   <li>A P is never taken from its owner. When the monitor retakes the P of an M stuck in one
 *       goroutine, it installs a fresh P in {@code allp} in its place and marks this one
 *       {@link #retired}; the stuck M keeps using it until its next scheduling point, where it
 *       sees the mark, moves what is left to the global queue and lets it go. A P removed by a
 *       GOMAXPROCS decrease is retired the same way.</li>
 * </ul>
 */
final class P {
    final int id;
    final RunQueue runq = new RunQueue();
    /** Shared with the P that replaces this one when it is retired by the monitor. */
    final TimerHeap timers;

    /** The M that owns this P, or null. Written by that M (or the lock holder handing it over). */
    M m;
    /** Incremented by the owner each time it starts a goroutine with a fresh time slice. */
    int schedtick;
    /** Holds {@link #curg()}: see {@link CurgSlot}. Replaced by the owner only. */
    private CurgSlot curgSlot = new CurgSlot();
    /**
     * Set by the monitor when the current time slice ran too long (Go's inheritTime case: a pair
     * of goroutines readying each other through runnext never starts a new slice). The owner
     * then stops favouring runnext once, so the ring and the global queue get their turn.
     */
    volatile boolean sliceExpired;
    /** No longer in allp: the owner must let it go at its next scheduling point. */
    volatile boolean retired;
    /** Retired because GOMAXPROCS shrank (its timers must move), not replaced by the monitor. */
    volatile boolean destroyed;
    /** Link in the idle list; guarded by the scheduler lock. */
    P idleLink;
    boolean idle;

    // The monitor's bookkeeping (sysmon thread only).
    int seenTick = -1;
    long seenSince;
    long preemptAskedAt;
    /** The goroutine asked to yield at preemptAskedAt (a racy snapshot of curg). */
    G preemptAskedOf;

    /**
     * Where {@link #curg()} lives: a small holder that the owner replaces every
     * {@link #SLOT_ROTATION} goroutine switches, so that it stays young. A P lives as long as the
     * scheduler and is soon in G1's old generation, and G1 (JDK 17 to 25) puts a full fence into
     * every store of a reference into an old object that points into another region: once per
     * switch, on the hottest path (benchmarks/NOTES.md, "The G1 write-barrier tax"). A store into
     * a young object skips that fence; the replacement costs one such store per rotation.
     */
    private static final class CurgSlot {
        G g;
        /** Non-null stores so far; the owner replaces the slot when it reaches the rotation. */
        int writes;
    }

    /** Switches between replacements of a hot holder ({@link CurgSlot}, the runnext slot). */
    static final int SLOT_ROTATION = 4096;

    /** The goroutine the owner is running, or null. Racy reads by the monitor and dumps. */
    G curg() {
        return curgSlot.g;
    }

    /** Owner only (or the scheduler-lock holder handing the P over). */
    void setCurg(G g) {
        CurgSlot s = curgSlot;
        if (g != null && ++s.writes == SLOT_ROTATION) {
            s = new CurgSlot();
            s.g = g;
            s.writes = 1; // this write: a slot takes SLOT_ROTATION writes in all
            // Ordered before the publication, so that a racy reader sees the new slot with g
            // (a no-op on x86, where only the compiler could reorder the two stores).
            VarHandle.releaseFence();
            curgSlot = s;
            return;
        }
        s.g = g;
    }

    P(int id, TimerHeap timers) {
        this.id = id;
        this.timers = timers;
    }

    @Override
    public String toString() {
        return "P" + id;
    }
}
