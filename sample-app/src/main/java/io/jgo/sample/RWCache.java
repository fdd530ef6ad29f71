package io.jgo.sample;

import static io.jgo.Jgo.go;

import io.jgo.Jgo;
import io.jgo.RWMutex;
import io.jgo.WaitGroup;
import io.jgo.annotation.Go;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Chapter "rwmutex": a cache read by many goroutines at once under {@code RLock} and updated by a
 * few under {@code Lock}. A writer waits for the readers inside to leave; new readers wait
 * behind a waiting writer (Go's writer preference, so writers are never starved).
 */
final class RWCache {
    static final int READERS = 50;
    static final int READS = 200;
    static final int WRITERS = 5;
    static final int WRITES = 20;

    private RWCache() {
    }

    static final class Cache {
        final RWMutex mu = new RWMutex();
        final Map<String, Integer> data = new HashMap<>(); // guarded by mu
        final AtomicLong hits = new AtomicLong();
        final AtomicLong misses = new AtomicLong();
    }

    @Go
    static Integer get(Cache c, String key) {
        c.mu.rLock();
        try {
            return c.data.get(key);
        } finally {
            c.mu.rUnlock();
        }
    }

    @Go
    static void put(Cache c, String key, int value) {
        c.mu.lock();
        try {
            c.data.put(key, value);
        } finally {
            c.mu.unlock();
        }
    }

    @Go
    static void reader(Cache c, int id, WaitGroup wg) {
        for (int i = 0; i < READS; i++) {
            Integer v = get(c, "key" + ((id + i) % 10));
            if (v == null) {
                c.misses.incrementAndGet();
            } else {
                c.hits.incrementAndGet();
            }
        }
        wg.done();
    }

    @Go
    static void writer(Cache c, int id, WaitGroup wg) {
        for (int i = 0; i < WRITES; i++) {
            put(c, "key" + ((id * WRITES + i) % 10), id * 1000 + i);
        }
        wg.done();
    }

    @Go
    static String main() {
        Cache c = new Cache();
        WaitGroup wg = new WaitGroup();
        wg.add(READERS + WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            int id = w;
            go(() -> writer(c, id, wg));
        }
        for (int r = 0; r < READERS; r++) {
            int id = r;
            go(() -> reader(c, id, wg));
        }
        wg.await();
        int size;
        c.mu.rLock();
        try {
            size = c.data.size();
        } finally {
            c.mu.rUnlock();
        }
        return "  " + (c.hits.get() + c.misses.get()) + " reads (" + c.hits.get() + " hits, " + c.misses.get()
                + " misses before a key was written), " + (WRITERS * WRITES) + " writes, " + size + " keys cached";
    }

    static void show() {
        System.out.println(Jgo.run(RWCacheGo.main()));
    }
}
