package io.jgo;

import io.jgo.runtime.G;
import io.jgo.runtime.Sched;
import io.jgo.runtime.Waiter;
import java.util.concurrent.locks.LockSupport;

/**
 * The waiter of one blocking operation of a plain thread (or a carrier running untransformed
 * code): it blocks the thread until completed. 32 bytes with compressed oops.
 *
 * <p>A goroutine needs no such object: its {@link G} is its own waiter ({@link #forGoroutine}),
 * so parking allocates nothing. Thread waiters are fresh per operation (a thread may hold
 * several, e.g. through a Cond hand-over).
 */
final class OpWaiter extends Waiter {
    static final byte SEND = G.WAIT_SEND;
    static final byte RECV = G.WAIT_RECV;
    static final byte RECV_OK = G.WAIT_RECV_OK;
    static final byte RANGE = G.WAIT_RANGE;
    /** A sync object's waiter: resumes with the completion's value. */
    static final byte SYNC = G.WAIT_SYNC;

    /** The blocked thread. */
    private final Thread owner;
    /** The completion's ok, written before {@link #done}. */
    boolean ok;
    /** Set once, by the completer, after {@code elem} and {@code ok}. */
    private volatile boolean done;

    private OpWaiter(Thread owner) {
        this.owner = owner;
    }

    /**
     * The waiter of goroutine {@code g} for an operation of {@code mode}: {@code g} itself. Call
     * it only from {@code g}, right before linking the waiter into a queue and parking.
     */
    static Waiter forGoroutine(G g, byte mode) {
        return g.waitAs(mode);
    }

    /**
     * A waiter for the calling plain thread (or a carrier running untransformed code); the
     * operation reads {@code elem} and {@code ok} itself once it is completed.
     */
    static OpWaiter forThread() {
        return new OpWaiter(Thread.currentThread());
    }

    @Override
    public void complete(Object value, boolean ok) {
        elem = value;
        this.ok = ok;
        done = true;
        LockSupport.unpark(owner);
    }

    /** Blocks the calling thread (the owner) until {@link #complete} ran. */
    void await() {
        awaitFlag(this);
    }

    boolean isDone() {
        return done;
    }

    /**
     * Blocks the current thread until {@code w.isDone()}: a short spin (waking a parked thread
     * costs tens of microseconds), then parking. If the thread is a carrier, its P is handed off
     * meanwhile. Interrupts are not honoured (Go's operations are not interruptible either); the
     * interrupt status is kept.
     */
    static void awaitFlag(OpWaiter w) {
        for (int i = 0; i < 128; i++) {
            if (w.done) {
                return;
            }
            Thread.onSpinWait();
        }
        Sched.enterBlocking();
        try {
            while (!w.done) {
                LockSupport.park(w);
            }
        } finally {
            Sched.exitBlocking();
        }
    }

    /** Blocks the calling thread forever: an operation on a nil channel, an empty select. */
    static void blockForever(Object blocker) {
        Sched.enterBlocking();
        for (;;) {
            LockSupport.park(blocker);
        }
    }
}
