package io.jgo;

import io.jgo.runtime.G;
import io.jgo.runtime.Sched;
import java.util.concurrent.locks.LockSupport;

/**
 * The waiter of one blocking operation that is not a select: a parked goroutine (its {@link G})
 * or a blocked plain thread. 32 bytes with compressed oops.
 *
 * <p>A goroutine waits on one such operation at a time, so each {@link G} keeps one waiter and
 * reuses it for every park ({@link #forGoroutine}): parking allocates nothing. That is safe
 * because a waiter's life ends before its goroutine can park again: the one waker unlinks it,
 * reads what it needs ({@code elem}, {@code next}) and then completes it, and completion is the
 * last touch ({@link #complete} reads {@code mode} before readying the goroutine). Thread
 * waiters are fresh per operation (a thread may hold several, e.g. through a Cond hand-over).
 */
final class OpWaiter extends Waiter {
    static final byte SEND = 0;
    static final byte RECV = 1;
    static final byte RECV_OK = 2;
    static final byte RANGE = 3;
    /** A sync object's waiter: resumes with the completion's value. */
    static final byte SYNC = 4;

    /** The parked goroutine ({@link G}) or the blocked {@link Thread}. */
    private final Object owner;
    /** What the operation returns when completed: see the constants. Set before linking. */
    private byte mode;
    /** Thread waiters: the completion's ok, written before {@link #done}. */
    boolean ok;
    /** Thread waiters: set once, by the completer, after {@code elem} and {@code ok}. */
    private volatile boolean done;

    OpWaiter(Object owner, byte mode) {
        this.owner = owner;
        this.mode = mode;
    }

    /**
     * The reusable waiter of goroutine {@code g}, set up for an operation of {@code mode}. Call it
     * only from {@code g} itself, right before linking the waiter into a queue and parking.
     */
    static OpWaiter forGoroutine(G g, byte mode) {
        Object cached = g.parkWaiter();
        OpWaiter w;
        if (cached == null) {
            w = new OpWaiter(g, mode);
            g.setParkWaiter(w);
        } else {
            w = (OpWaiter) cached;
            w.mode = mode;
        }
        return w;
    }

    /** A waiter for the calling plain thread (or a carrier running untransformed code). */
    static OpWaiter forThread(byte mode) {
        return new OpWaiter(Thread.currentThread(), mode);
    }

    @Override
    void complete(Object value, boolean ok) {
        Object o = owner;
        if (o instanceof G) {
            G g = (G) o;
            elem = null; // a reused waiter must not keep the last sent value alive
            switch (mode) {
                case SEND:
                    if (ok) {
                        g.ready(null, null);
                    } else {
                        g.ready(null, new SendOnClosedChannelException());
                    }
                    break;
                case RECV:
                    g.ready(ok ? value : null, null);
                    break;
                case RECV_OK:
                    g.ready(ok ? new Received<>(value, true) : Received.CLOSED, null);
                    break;
                case RANGE:
                    g.ready(ok ? value : Chan.END, null);
                    break;
                default:
                    g.ready(value, null);
                    break;
            }
        } else {
            elem = value;
            this.ok = ok;
            done = true;
            LockSupport.unpark((Thread) o);
        }
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
