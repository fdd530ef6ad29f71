package io.jgo;

import io.jgo.internal.Frames;
import io.jgo.runtime.Frame;
import io.jgo.internal.G;
import io.jgo.runtime.Suspending;
import io.jgo.internal.WaitReason;
import io.jgo.internal.Waiter;

/**
 * Go's {@code sync.RWMutex}: any number of readers or one writer. As in Go, writers are
 * preferred: once a writer waits, new readers wait too (so a stream of readers cannot starve a
 * writer), and when a writer unlocks, the readers that queued meanwhile all get in before the
 * next writer. The write side is this object's {@link #lock()}/{@link #unlock()}; the read side
 * is {@link #rLock()}/{@link #rUnlock()}, and {@link #rLocker()} for a {@link Cond}.
 *
 * <p>All state is guarded by one short internal lock; waiting goroutines park, waiting threads
 * block, and the lock is handed directly to those it wakes.
 */
public final class RWMutex extends SpinLocked implements Locker {
    /** Readers holding the lock. Guarded by the internal lock. */
    private int readers;
    /** A writer holds the lock. Guarded by the internal lock. */
    private boolean writer;
    /** Queued writers (length of writerq). Guarded by the internal lock. */
    private int writersWaiting;
    /** FIFO queues of waiting readers and writers. Guarded by the internal lock. */
    private Waiter readerq;
    private Waiter writerq;
    private final ReadLocker readLocker = new ReadLocker(this);

    public RWMutex() {
    }

    // ------------------------------------------------------------ read side

    /** Locks for reading; waits while a writer holds or waits for the lock. */
    @Suspending
    public void rLock() {
        OpWaiter w = null;
        enter();
        if (!writer && writersWaiting == 0) {
            readers++;
            exit();
            return;
        }
        w = OpWaiter.forThread();
        readerq = Waiter.enqueue(readerq, w);
        exit();
        w.await();
    }

    /** Suspending twin of {@link #rLock()}. */
    public Object rLock(Frame<?> frame) {
        enter();
        if (!writer && writersWaiting == 0) {
            readers++;
            exit();
            return null;
        }
        G g = Frames.goroutineOf(frame);
        readerq = Waiter.enqueue(readerq, OpWaiter.forGoroutine(g, OpWaiter.SYNC));
        Object s = g.park(frame, WaitReason.RW_MUTEX_RLOCK);
        exit();
        return s;
    }

    /** Locks for reading if that is possible now. */
    public boolean tryRLock() {
        enter();
        boolean ok = !writer && writersWaiting == 0;
        if (ok) {
            readers++;
        }
        exit();
        return ok;
    }

    /**
     * Undoes one {@link #rLock()}; the last reader out lets the first waiting writer in.
     *
     * @throws IllegalStateException "sync: RUnlock of unlocked RWMutex"
     */
    public void rUnlock() {
        enter();
        if (readers == 0) {
            exit();
            throw new IllegalStateException("sync: RUnlock of unlocked RWMutex");
        }
        Waiter w = null;
        if (--readers == 0 && writerq != null) {
            w = writerq;
            writerq = Waiter.unlink(w, w);
            writersWaiting--;
            writer = true;
        }
        exit();
        if (w != null) {
            w.complete(null, true);
        }
    }

    /** The read side as a {@link Locker} (Go's {@code RLocker}), e.g. for a {@link Cond}. */
    public Locker rLocker() {
        return readLocker;
    }

    // ------------------------------------------------------------ write side

    /** Locks for writing; waits until no reader or writer holds the lock. */
    @Override
    @Suspending
    public void lock() {
        enter();
        if (!writer && readers == 0) {
            writer = true;
            exit();
            return;
        }
        OpWaiter w = OpWaiter.forThread();
        writerq = Waiter.enqueue(writerq, w);
        writersWaiting++;
        exit();
        w.await();
    }

    /** Suspending twin of {@link #lock()}. */
    @Override
    public Object lock(Frame<?> frame) {
        enter();
        if (!writer && readers == 0) {
            writer = true;
            exit();
            return null;
        }
        G g = Frames.goroutineOf(frame);
        writerq = Waiter.enqueue(writerq, OpWaiter.forGoroutine(g, OpWaiter.SYNC));
        writersWaiting++;
        Object s = g.park(frame, WaitReason.RW_MUTEX_LOCK);
        exit();
        return s;
    }

    /** Locks for writing if that is possible now. */
    public boolean tryLock() {
        enter();
        boolean ok = !writer && readers == 0;
        if (ok) {
            writer = true;
        }
        exit();
        return ok;
    }

    /**
     * Unlocks the write side: the readers that queued meanwhile get in, else the next writer.
     *
     * @throws IllegalStateException "sync: Unlock of unlocked RWMutex"
     */
    @Override
    public void unlock() {
        enter();
        if (!writer) {
            exit();
            throw new IllegalStateException("sync: Unlock of unlocked RWMutex");
        }
        writer = false;
        Waiter wake = null;
        if (readerq != null) {
            wake = readerq;
            readerq = null;
            readers += Waiter.size(wake);
        } else if (writerq != null) {
            wake = writerq;
            writerq = Waiter.unlink(wake, wake);
            writersWaiting--;
            writer = true;
            wake.next = wake; // a one-element ring, like the reader list
            wake.prev = wake;
        }
        exit();
        Waiter.completeAll(wake);
    }

    // ------------------------------------------------------------ for Cond

    /** Acquires the write lock on behalf of {@code w}; completes it once held. */
    void acquireWriteFor(Waiter w) {
        enter();
        if (!writer && readers == 0) {
            writer = true;
            exit();
            w.complete(null, true);
            return;
        }
        writerq = Waiter.enqueue(writerq, w);
        writersWaiting++;
        exit();
    }

    /** Acquires a read lock on behalf of {@code w}; completes it once held. */
    void acquireReadFor(Waiter w) {
        enter();
        if (!writer && writersWaiting == 0) {
            readers++;
            exit();
            w.complete(null, true);
            return;
        }
        readerq = Waiter.enqueue(readerq, w);
        exit();
    }

    /** Queued readers and writers now (for tests). */
    int[] queued() {
        enter();
        try {
            return new int[] {Waiter.size(readerq), Waiter.size(writerq)};
        } finally {
            exit();
        }
    }

    @Override
    public String toString() {
        enter();
        try {
            return "RWMutex(readers=" + readers + ", writer=" + writer + ", writersWaiting=" + writersWaiting + ")";
        } finally {
            exit();
        }
    }

    /** The read side of an {@link RWMutex} as a {@link Locker}. */
    public static final class ReadLocker implements Locker {
        private final RWMutex rw;

        private ReadLocker(RWMutex rw) {
            this.rw = rw;
        }

        @Override
        @Suspending
        public void lock() {
            rw.rLock();
        }

        @Override
        public Object lock(Frame<?> frame) {
            return rw.rLock(frame);
        }

        @Override
        public void unlock() {
            rw.rUnlock();
        }

        RWMutex rw() {
            return rw;
        }
    }
}
