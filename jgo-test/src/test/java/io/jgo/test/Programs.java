package io.jgo.test;

import static io.jgo.Jgo.go;

import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.Mutex;
import io.jgo.RecvChan;
import io.jgo.WaitGroup;
import io.jgo.annotation.Go;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** @Go programs the kit's own tests run. */
final class Programs {
    private Programs() {
    }

    /**
     * A rate limiter that lets 5 requests a minute through, driven by a ticker, serving a client
     * that asks as fast as it can for {@code span}: returns how many it served.
     */
    @Go
    static int serveRateLimited(Duration span) {
        RecvChan<Instant> tokens = Jgo.tick(Duration.ofSeconds(12)); // 5 a minute
        RecvChan<Instant> end = Jgo.after(span);
        int served = 0;
        for (;;) {
            var token = tokens.onRecv();
            var over = end.onRecv();
            if (Jgo.select(token, over) == over) {
                return served;
            }
            served++;
        }
    }

    /** Parks forever on a channel nobody else has. */
    @Go
    static void parkForever() {
        Chan<Integer> never = Chan.make();
        never.recv();
    }

    /** Throws after a virtual second. */
    @Go
    static void panicAfterASecond() {
        Jgo.sleep(Duration.ofSeconds(1));
        throw new IllegalStateException("a helper goroutine failed");
    }

    /** Blocks its carrier for real (untransformed code in a blocking section). */
    @Go
    static void blockForReal(long millis) throws Exception {
        Jgo.blocking(() -> {
            Thread.sleep(millis);
            return null;
        });
    }

    /** Waits for a value on {@code in}, then sends it on {@code out}. */
    @Go
    static void relay(Chan<Integer> in, Chan<Integer> out) {
        out.send(in.recv());
    }

    /** Sets {@code flag} after {@code d} of (virtual) time. */
    @Go
    static void setAfter(Duration d, AtomicInteger flag) {
        Jgo.sleep(d);
        flag.set(1);
    }

    /**
     * Check-then-act on a shared map without a lock: registers {@code key} unless present, with a
     * (simulated) lookup elsewhere in between. Two registrations of one key may both insert.
     */
    @Go
    static void registerRacy(Map<String, Integer> m, String key, AtomicInteger inserts, WaitGroup wg) {
        if (!m.containsKey(key)) {
            Jgo.sleep(Duration.ofMillis(1)); // e.g. ask another service for the value
            m.put(key, 1);
            inserts.incrementAndGet();
        }
        wg.done();
    }

    /** The same, fixed: the check and the act under one mutex. */
    @Go
    static void registerLocked(Map<String, Integer> m, Mutex mu, String key, AtomicInteger inserts, WaitGroup wg) {
        mu.lock();
        try {
            if (!m.containsKey(key)) {
                Jgo.sleep(Duration.ofMillis(1));
                m.put(key, 1);
                inserts.incrementAndGet();
            }
        } finally {
            mu.unlock();
        }
        wg.done();
    }

    /** Goroutines that each append their number after yielding a few times: the order shows the schedule. */
    @Go
    static void appendAfterYields(int me, List<Integer> order, WaitGroup wg) {
        for (int i = 0; i < 3; i++) {
            Jgo.gosched();
        }
        order.add(me);
        wg.done();
    }

    @Go
    static void spawnRegistrations(Map<String, Integer> m, AtomicInteger inserts, boolean locked) {
        WaitGroup wg = new WaitGroup();
        Mutex mu = new Mutex();
        wg.add(2);
        if (locked) {
            go(() -> registerLocked(m, mu, "k", inserts, wg));
            go(() -> registerLocked(m, mu, "k", inserts, wg));
        } else {
            go(() -> registerRacy(m, "k", inserts, wg));
            go(() -> registerRacy(m, "k", inserts, wg));
        }
        wg.await();
    }

    @Go
    static void spawnAppenders(int n, List<Integer> order) {
        WaitGroup wg = new WaitGroup();
        wg.add(n);
        for (int i = 0; i < n; i++) {
            int me = i;
            go(() -> appendAfterYields(me, order, wg));
        }
        wg.await();
    }
}
