package io.jgo.runtime;

import java.util.Arrays;

/**
 * A P's pending timers: a 4-ary min-heap on {@code when}, each timer knowing its own index so that
 * {@link RuntimeTimer#stop()} removes it in O(log n) and releases it at once (no lazy deletion).
 *
 * <p>Invariants: every field is guarded by this object's monitor, except {@link #minWhen}, which is
 * written under it and read without it (a volatile hint: {@code Long.MAX_VALUE} when empty). A
 * timer is in at most one heap; {@code t.heap == this} iff {@code a[t.index] == t}. Ms fire
 * expired timers by popping them under the lock and calling {@code fire()} after releasing it,
 * so {@code fire()} may start or stop timers freely.
 */
final class TimerHeap {
    private RuntimeTimer[] a = new RuntimeTimer[16];
    private int n;
    /** Deadline of the earliest timer, or Long.MAX_VALUE when empty. */
    volatile long minWhen = Long.MAX_VALUE;

    synchronized int size() {
        return n;
    }

    /** Adds {@code t} (not in any heap); returns true if it became the earliest. */
    synchronized boolean add(RuntimeTimer t) {
        if (n == a.length) {
            a = Arrays.copyOf(a, n * 2);
        }
        t.heap = this;
        siftUp(t, n++);
        minWhen = a[0].when;
        return a[0] == t;
    }

    /** Removes {@code t} if it is in this heap; returns whether it was. */
    synchronized boolean remove(RuntimeTimer t) {
        if (t.heap != this) {
            return false;
        }
        removeAt(t.index);
        return true;
    }

    /**
     * Pops at most {@code max} timers due at {@code now} into {@code out} (earliest first) and
     * returns how many; they are out of the heap, and the caller must call their fire().
     */
    synchronized int popExpired(long now, RuntimeTimer[] out, int max) {
        int k = 0;
        while (n > 0 && k < max && a[0].when - now <= 0) {
            RuntimeTimer t = a[0];
            removeAt(0);
            out[k++] = t;
        }
        return k;
    }

    /** Moves every timer of this heap into {@code to} (lock order: by identity hash, then this). */
    void moveAllTo(TimerHeap to) {
        if (to == this) {
            return;
        }
        TimerHeap first = System.identityHashCode(this) <= System.identityHashCode(to) ? this : to;
        TimerHeap second = first == this ? to : this;
        synchronized (first) {
            synchronized (second) {
                while (n > 0) {
                    RuntimeTimer t = a[n - 1];
                    removeAt(n - 1);
                    to.addLocked(t);
                }
            }
        }
    }

    private void addLocked(RuntimeTimer t) {
        if (n == a.length) {
            a = Arrays.copyOf(a, n * 2);
        }
        t.heap = this;
        siftUp(t, n++);
        minWhen = a[0].when;
    }

    private void removeAt(int i) {
        RuntimeTimer t = a[i];
        t.heap = null;
        t.index = -1;
        int last = --n;
        RuntimeTimer moved = a[last];
        a[last] = null; // released at once: the heap keeps no reference to a removed timer
        if (i != last) {
            siftDown(moved, i);
            if (a[i] == moved) {
                siftUp(moved, i);
            }
        }
        minWhen = n == 0 ? Long.MAX_VALUE : a[0].when;
        if (a.length > 64 && n < a.length / 4) {
            a = Arrays.copyOf(a, a.length / 2);
        }
    }

    private void siftUp(RuntimeTimer t, int i) {
        long when = t.when;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            RuntimeTimer p = a[parent];
            if (p.when - when <= 0) {
                break;
            }
            a[i] = p;
            p.index = i;
            i = parent;
        }
        a[i] = t;
        t.index = i;
    }

    private void siftDown(RuntimeTimer t, int i) {
        long when = t.when;
        for (;;) {
            int c = 4 * i + 1;
            if (c >= n) {
                break;
            }
            int best = c;
            int end = Math.min(c + 4, n);
            for (int j = c + 1; j < end; j++) {
                if (a[j].when - a[best].when < 0) {
                    best = j;
                }
            }
            if (when - a[best].when <= 0) {
                break;
            }
            a[i] = a[best];
            a[i].index = i;
            i = best;
        }
        a[i] = t;
        t.index = i;
    }
}
