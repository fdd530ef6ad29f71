package io.jgo.internal;

import io.jgo.RuntimeAccess;
import io.jgo.runtime.Frame;

/**
 * Waits for scheduler states without sleeping, through a {@link SchedObserver} installed on the
 * scheduler under test; and builds goroutines by hand.
 */
final class TestSched implements SchedObserver {
    private final Sched sched;
    private long parks;
    private long proofs;

    private TestSched(Sched sched) {
        this.sched = sched;
    }

    /** The observer of {@code s}, installed on first use. */
    static synchronized TestSched of(Sched s) {
        SchedObserver o = s.observer();
        if (o instanceof TestSched) {
            return (TestSched) o;
        }
        TestSched t = new TestSched(s);
        s.setObserver(t);
        return t;
    }

    /** The observer of the default runtime's scheduler. */
    static TestSched ofDefault() {
        return of(RuntimeAccess.defaultSched());
    }

    static Sched defaultSched() {
        return RuntimeAccess.defaultSched();
    }

    /** A goroutine of the default runtime's detached root, not yet queued. */
    static G newG(Frame<?> f) {
        return new G(f, defaultSched().detached, Lineage.NONE);
    }

    @Override
    public synchronized void carrierParked() {
        parks++;
        notifyAll();
    }

    @Override
    public synchronized void deadlockProofRan() {
        proofs++;
        notifyAll();
    }

    /** Waits until every carrier is parked and nothing is queued; false on timeout. */
    boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        for (;;) {
            long seen;
            synchronized (this) {
                seen = parks;
            }
            if (sched.quiescent()) {
                return true;
            }
            synchronized (this) {
                while (parks == seen) {
                    long rest = (deadline - System.nanoTime()) / 1_000_000L;
                    if (rest <= 0) {
                        return sched.quiescent();
                    }
                    wait(rest);
                }
            }
        }
    }

    /** Deadlock proofs run so far (since this observer was installed). */
    synchronized long provedChecks() {
        return proofs;
    }

    /** Waits until more than {@code after} proofs ran; false on timeout. */
    synchronized boolean awaitDeadlockChecks(long after, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (proofs <= after) {
            long rest = (deadline - System.nanoTime()) / 1_000_000L;
            if (rest <= 0) {
                return false;
            }
            wait(rest);
        }
        return true;
    }
}
