package io.jgo.sample;

import static io.jgo.Jgo.go;

import io.jgo.Cond;
import io.jgo.Jgo;
import io.jgo.Mutex;
import io.jgo.WaitGroup;
import io.jgo.annotation.Go;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Chapter "cond": a bounded queue built from a {@link Mutex} and two {@link Cond}s. Consumers
 * wait while it is empty, producers while it is full; each waits in a loop ({@code for !cond {
 * c.Wait() }}), because a woken goroutine must check the condition again.
 */
final class CondWait {
    static final int CAPACITY = 4;
    static final int ITEMS = 1_000;
    static final int CONSUMERS = 3;

    private CondWait() {
    }

    static final class BoundedQueue {
        final Mutex mu = new Mutex();
        final Cond notEmpty = new Cond(mu);
        final Cond notFull = new Cond(mu);
        final Queue<Integer> items = new ArrayDeque<>(); // guarded by mu
        boolean closed;                                   // guarded by mu
    }

    @Go
    static void put(BoundedQueue q, int item) {
        q.mu.lock();
        try {
            while (q.items.size() == CAPACITY) {
                q.notFull.await();
            }
            q.items.add(item);
            q.notEmpty.signal();
        } finally {
            q.mu.unlock();
        }
    }

    /** Returns the next item, or null once the queue is closed and empty. */
    @Go
    static Integer take(BoundedQueue q) {
        q.mu.lock();
        try {
            while (q.items.isEmpty() && !q.closed) {
                q.notEmpty.await();
            }
            Integer item = q.items.poll();
            q.notFull.signal();
            return item;
        } finally {
            q.mu.unlock();
        }
    }

    @Go
    static void close(BoundedQueue q) {
        q.mu.lock();
        try {
            q.closed = true;
            q.notEmpty.broadcast(); // wake every waiting consumer: all must see "closed"
        } finally {
            q.mu.unlock();
        }
    }

    @Go
    static void consumer(BoundedQueue q, long[] sums, int id, WaitGroup wg) {
        long sum = 0;
        while (true) {
            Integer item = take(q);
            if (item == null) {
                break;
            }
            sum += item;
        }
        sums[id] = sum;
        wg.done();
    }

    @Go
    static String main() {
        BoundedQueue q = new BoundedQueue();
        long[] sums = new long[CONSUMERS];
        WaitGroup wg = new WaitGroup();
        wg.add(CONSUMERS);
        for (int c = 0; c < CONSUMERS; c++) {
            int id = c;
            go(() -> consumer(q, sums, id, wg));
        }
        for (int i = 1; i <= ITEMS; i++) {
            put(q, i);
        }
        close(q);
        wg.await();
        long total = 0;
        StringBuilder parts = new StringBuilder();
        for (long s : sums) {
            total += s;
            parts.append(parts.length() == 0 ? "" : " + ").append(s);
        }
        return "  " + ITEMS + " items through a queue of capacity " + CAPACITY + ", " + CONSUMERS
                + " consumers: " + parts + " = " + total + " (expected " + ((long) ITEMS * (ITEMS + 1) / 2) + ")";
    }

    static void show() {
        System.out.println(Jgo.run(CondWaitGo.main()));
    }
}
