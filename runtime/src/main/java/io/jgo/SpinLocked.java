package io.jgo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The short internal lock of a channel or a sync object (Go's {@code runtime.mutex} in
 * {@code hchan.lock}). Critical sections are a few field writes and never wait for anything, so a
 * test-and-test-and-set lock with one CAS to acquire and one release store to release is cheaper
 * than {@code synchronized} or a {@code ReentrantLock}. A holder can still be descheduled by the
 * OS, so contenders spin a little and then yield their CPU instead of burning it.
 *
 * <p>Rules for every subclass: never park, call {@code G.ready}, complete a waiter, start or stop
 * a timer, or run user code while holding this lock; never hold two of these locks except in
 * {@link Selection}, which takes them in {@link #lockOrder() lock order}.
 */
abstract class SpinLocked {
    private static final VarHandle LOCK;

    static {
        try {
            LOCK = MethodHandles.lookup().findVarHandle(SpinLocked.class, "lockWord", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** PAUSEs before the first re-check of a contended lock (about 25 ns each here). */
    private static final int MIN_PAUSES = 4;
    /** The longest backoff: it doubles from MIN_PAUSES up to this, then the waiter yields. */
    private static final int MAX_PAUSES = 1024;

    /** 0 = free, 1 = held. Written by CAS (acquire) and release store (release). */
    @SuppressWarnings("unused")
    private volatile int lockWord;

    final void enter() {
        if (!LOCK.compareAndSet(this, 0, 1)) {
            lockSlow();
        }
    }

    /**
     * Contended: test and test-and-set with exponential backoff, then yielding. The backoff is
     * what matters on two cores: a waiter that re-reads the word after every PAUSE pulls the
     * cache line away from the holder each time, so a channel used from two carriers paid a line
     * transfer per operation (buffered 4 to 4 at 2 P: 5 to 7 M msgs/s). Backing off lets the
     * holder's core run several critical sections in a row while the line stays there (15 to 30
     * M msgs/s, docs/performance.md); Go's runtime lock also pauses 30 times between checks.
     * Past the longest backoff (about 55 µs of pausing in all) the holder has probably lost its
     * CPU, so the waiter yields its own.
     */
    private void lockSlow() {
        int pauses = MIN_PAUSES;
        for (;;) {
            if ((int) LOCK.getOpaque(this) == 0 && LOCK.compareAndSet(this, 0, 1)) {
                return;
            }
            if (pauses <= MAX_PAUSES) {
                for (int i = 0; i < pauses; i++) {
                    Thread.onSpinWait();
                }
                pauses <<= 1;
            } else {
                Thread.yield();
            }
        }
    }

    final void exit() {
        LOCK.setRelease(this, 0);
    }

    /** Total order used when several of these locks are held at once (see {@link Selection}). */
    final int lockOrder() {
        return System.identityHashCode(this);
    }
}
