package io.jgo;

import io.jgo.internal.SpinBackoff;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The short internal lock of a channel or a sync object (Go's {@code runtime.mutex} in
 * {@code hchan.lock}). Critical sections are a few field writes and never wait for anything, so a
 * test-and-test-and-set lock with one CAS to acquire and one release store to release is cheaper
 * than {@code synchronized} or a {@code ReentrantLock}. A holder can still be descheduled by the
 * OS, so contenders back off and then yield their CPU instead of burning it ({@link SpinBackoff}).
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

    /** 0 = free, 1 = held. Written by CAS (acquire) and release store (release). */
    @SuppressWarnings("unused")
    private volatile int lockWord;

    final void enter() {
        if (!LOCK.compareAndSet(this, 0, 1)) {
            SpinBackoff.acquire(LOCK, this); // contended: backs off, then yields
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
