package io.jgo.internal;

import java.lang.invoke.VarHandle;

/**
 * The contended path of the runtime's spin locks (a channel's or sync object's lock, a timer
 * heap's, a registry stripe's): an {@code int} lock word, 0 free and 1 held, taken by a CAS and
 * given back by a release store. Each owner keeps that two-line fast path inline and calls
 * {@link #acquire} only when its CAS failed. Runtime-internal: public only because the channel
 * and sync objects live in {@code io.jgo}.
 *
 * <p>Test and test-and-set with exponential backoff, then yielding. The backoff is what matters
 * on two cores: a waiter that re-reads the word after every PAUSE pulls the cache line away from
 * the holder each time, so a channel used from two carriers pays a line transfer per operation.
 * Backing off lets the holder's core run several critical sections in a row while the line stays
 * there (the measurements are in benchmarks/NOTES.md); Go's runtime lock also pauses 30 times
 * between checks. Past the longest backoff (tens of microseconds of pausing in all) the holder has
 * probably lost its CPU, so the waiter yields its own.
 */
public final class SpinBackoff {
    /**
     * PAUSEs before the first re-check of a contended lock. 64, not fewer: a waiter that comes
     * back sooner takes the line back before the holder's core has run a burst of critical
     * sections, which roughly halved the two-P buffered channel's throughput; many more (256)
     * made the two-P ping-pong several times slower in some processes. The figures are in
     * benchmarks/NOTES.md.
     */
    private static final int MIN_PAUSES = 64;
    /** The longest backoff: it doubles from MIN_PAUSES up to this, then the waiter yields. */
    private static final int MAX_PAUSES = 1024;

    private SpinBackoff() {
    }

    /**
     * Spins for {@code n} PAUSEs. Touches no shared memory: the model-checking tests skip it, as
     * a loop of more than a few dozen iterations would otherwise look to them like a hang.
     */
    static void pause(int n) {
        for (int i = 0; i < n; i++) {
            Thread.onSpinWait();
        }
    }

    /**
     * Takes the lock whose word {@code lockWord} (a VarHandle on an {@code int} field) names in
     * {@code holder}, after a failed CAS of the fast path.
     */
    public static void acquire(VarHandle lockWord, Object holder) {
        int pauses = MIN_PAUSES;
        for (;;) {
            if ((int) lockWord.getOpaque(holder) == 0 && lockWord.compareAndSet(holder, 0, 1)) {
                return;
            }
            if (pauses <= MAX_PAUSES) {
                pause(pauses);
                pauses <<= 1;
            } else {
                Thread.yield();
            }
        }
    }
}
