package io.jgo.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A P's pending timers: a 4-ary min-heap on {@code when}, each timer knowing its own index so that
 * {@link RuntimeTimer#stop()} removes it in O(log n) and releases it at once (no lazy deletion).
 * The deadlines sit in an array of their own beside the timers ({@code w[i] == a[i].when}), as in
 * Go 1.23's {@code timerWhen}: a sift compares a node's four children in one or two cache lines
 * instead of loading four timer objects scattered over the heap, and touches only the timers it
 * moves (to update their index).
 *
 * <p>Invariants: every field is guarded by {@link #lockWord}, except {@link #minWhen}, which is
 * written under it (release stores) and read without it (a volatile hint: {@code Long.MAX_VALUE}
 * when empty). A timer is in at most one heap; {@code t.heap == this} iff
 * {@code a[t.index] == t}. Ms fire expired timers by popping them under the lock and calling
 * {@code fire()} after releasing it, so {@code fire()} may start or stop timers freely.
 */
final class TimerHeap {
    /**
     * {@link RuntimeTimer#heap}, written here under this heap's lock with release stores: its
     * readers either re-check under the lock ({@link #remove}) or only need what happened
     * before the write ({@code start} after the timer fired), so a volatile store's full fence
     * (two per sleep: add and pop) buys nothing.
     */
    private static final VarHandle HEAP;
    /**
     * {@link #minWhen}, written with release stores for the same reason. The one reader that needs
     * a store-load order with it, {@code Sched.stopm} (publish the sleep deadline, then re-read
     * the heaps), pairs with {@code Sched.notifyTimer}, which starts with a full fence.
     */
    private static final VarHandle MIN_WHEN;
    private static final VarHandle LOCK;

    static {
        try {
            HEAP = MethodHandles.lookup().findVarHandle(RuntimeTimer.class, "heap", TimerHeap.class);
            MIN_WHEN = MethodHandles.lookup().findVarHandle(TimerHeap.class, "minWhen", long.class);
            LOCK = MethodHandles.lookup().findVarHandle(TimerHeap.class, "lockWord", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RuntimeTimer[] a = new RuntimeTimer[16];
    /** {@code w[i] == a[i].when} for {@code i < n}. */
    private long[] w = new long[16];
    private int n;
    /** Deadline of the earliest timer, or Long.MAX_VALUE when empty. */
    volatile long minWhen = Long.MAX_VALUE;
    /**
     * The heap's lock: 0 free, 1 held (a spin lock, see {@link SpinBackoff}). A monitor here was
     * inflated by the other Ps' timer checks and cost a CAS to enter and a full fence to exit;
     * this costs one CAS and a release store. Critical sections are heap operations, O(log n).
     */
    @SuppressWarnings("unused")
    private volatile int lockWord;

    int size() {
        lock();
        try {
            return n;
        } finally {
            unlock();
        }
    }

    /** Adds {@code t} (not in any heap); returns true if it became the earliest. */
    boolean add(RuntimeTimer t) {
        lock();
        try {
            addLocked(t);
            return a[0] == t;
        } finally {
            unlock();
        }
    }

    /** Removes {@code t} if it is in this heap; returns whether it was. */
    boolean remove(RuntimeTimer t) {
        lock();
        try {
            if (t.heap != this) {
                return false;
            }
            removeAt(t.index);
            return true;
        } finally {
            unlock();
        }
    }

    /**
     * Pops at most {@code max} timers due at {@code now} into {@code out} (earliest first) and
     * returns how many; they are out of the heap, and the caller must call their fire().
     */
    int popExpired(long now, RuntimeTimer[] out, int max) {
        lock();
        try {
            int k = 0;
            while (n > 0 && k < max && w[0] - now <= 0) {
                RuntimeTimer t = a[0];
                removeAt(0);
                out[k++] = t;
            }
            return k;
        } finally {
            unlock();
        }
    }

    /** Drops every timer (the runtime closed): each is left unarmed, as if stopped. */
    void clear() {
        lock();
        try {
            while (n > 0) {
                removeAt(n - 1);
            }
        } finally {
            unlock();
        }
    }

    /** Moves every timer of this heap into {@code to} (lock order: by identity hash, then this). */
    void moveAllTo(TimerHeap to) {
        if (to == this) {
            return;
        }
        TimerHeap first = System.identityHashCode(this) <= System.identityHashCode(to) ? this : to;
        TimerHeap second = first == this ? to : this;
        first.lock();
        try {
            second.lock();
            try {
                while (n > 0) {
                    RuntimeTimer t = a[n - 1];
                    removeAt(n - 1);
                    to.addLocked(t);
                }
            } finally {
                second.unlock();
            }
        } finally {
            first.unlock();
        }
    }

    private void lock() {
        if (!LOCK.compareAndSet(this, 0, 1)) {
            SpinBackoff.acquire(LOCK, this);
        }
    }

    private void unlock() {
        LOCK.setRelease(this, 0);
    }

    private void addLocked(RuntimeTimer t) {
        if (n == a.length) {
            a = Arrays.copyOf(a, n * 2);
            w = Arrays.copyOf(w, n * 2);
        }
        HEAP.setRelease(t, this);
        siftUp(t, t.when, n++);
        MIN_WHEN.setRelease(this, w[0]);
    }

    private void removeAt(int i) {
        RuntimeTimer t = a[i];
        HEAP.setRelease(t, (TimerHeap) null);
        t.index = -1;
        int last = --n;
        RuntimeTimer moved = a[last];
        long movedWhen = w[last];
        a[last] = null; // released at once: the heap keeps no reference to a removed timer
        if (i != last) {
            siftDown(moved, movedWhen, i);
            if (a[i] == moved) {
                siftUp(moved, movedWhen, i);
            }
        }
        MIN_WHEN.setRelease(this, n == 0 ? Long.MAX_VALUE : w[0]);
        if (a.length > 64 && n < a.length / 4) {
            a = Arrays.copyOf(a, a.length / 2);
            w = Arrays.copyOf(w, w.length / 2);
        }
    }

    private void siftUp(RuntimeTimer t, long when, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (w[parent] - when <= 0) {
                break;
            }
            RuntimeTimer p = a[parent];
            a[i] = p;
            w[i] = w[parent];
            p.index = i;
            i = parent;
        }
        a[i] = t;
        w[i] = when;
        t.index = i;
    }

    private void siftDown(RuntimeTimer t, long when, int i) {
        for (;;) {
            int c = 4 * i + 1;
            if (c >= n) {
                break;
            }
            int best = c;
            long bestWhen = w[c];
            int end = Math.min(c + 4, n);
            for (int j = c + 1; j < end; j++) {
                if (w[j] - bestWhen < 0) {
                    best = j;
                    bestWhen = w[j];
                }
            }
            if (when - bestWhen <= 0) {
                break;
            }
            RuntimeTimer b = a[best];
            a[i] = b;
            w[i] = bestWhen;
            b.index = i;
            i = best;
        }
        a[i] = t;
        w[i] = when;
        t.index = i;
    }
}
