package io.jgo.sample;

import static io.jgo.Jgo.go;

import io.jgo.Jgo;
import io.jgo.Mutex;
import io.jgo.WaitGroup;
import io.jgo.annotation.Go;

/**
 * Chapter "mutex": Go by Example's mutexes. 1,000 goroutines each add 100 to one counter under a
 * {@link Mutex}; a goroutine that finds the lock taken parks instead of blocking its carrier.
 */
final class MutexCounter {
    static final int GOROUTINES = 1_000;
    static final int ADDS = 100;

    private MutexCounter() {
    }

    /** A counter guarded by a mutex: {@code type Container struct { mu sync.Mutex; n int }}. */
    static final class Counter {
        final Mutex mu = new Mutex();
        long n; // guarded by mu
    }

    /** {@code c.mu.Lock(); defer c.mu.Unlock(); c.n++}. */
    @Go
    static void inc(Counter c) {
        c.mu.lock();
        try {
            c.n++;
        } finally {
            c.mu.unlock();
        }
    }

    @Go
    static void adder(Counter c, WaitGroup wg) {
        for (int i = 0; i < ADDS; i++) {
            inc(c);
        }
        wg.done();
    }

    @Go
    static long main() {
        Counter c = new Counter();
        WaitGroup wg = new WaitGroup();
        wg.add(GOROUTINES);
        for (int g = 0; g < GOROUTINES; g++) {
            go(() -> adder(c, wg));
        }
        wg.await();
        c.mu.lock();
        try {
            return c.n;
        } finally {
            c.mu.unlock();
        }
    }

    static void show() {
        long n = Jgo.run(MutexCounterGo.main());
        System.out.println("  counter = " + n + " (" + GOROUTINES + " goroutines x " + ADDS + " increments; no update lost)");
    }
}
