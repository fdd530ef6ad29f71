package io.jgo;

import static io.jgo.TestSupport.awaitParked;
import static io.jgo.TestSupport.awaitTrue;
import static io.jgo.TestSupport.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.runtime.Frame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** sync: Mutex, RWMutex, Cond, WaitGroup, Once, Semaphore, ErrGroup; goroutines and threads. */
@Timeout(30)
class SyncTest {

    /** A goroutine that does {@code n} times: lock; counter++ (with a yield inside); unlock. */
    private static Steps incrementer(Locker mu, int[] counter, int n) {
        return Steps.of(i -> i >= 2 * n ? null : i % 2 == 0 ? mu::lock : f -> {
            int v = counter[0];
            Thread.yield(); // widen the race window a lost update would need
            counter[0] = v + 1;
            mu.unlock();
            return null;
        });
    }

    @RepeatedTest(5)
    void mutexExcludesGoroutinesAndThreads() throws Exception {
        Mutex mu = new Mutex();
        int[] counter = {0};
        int n = 300;
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int g = 0; g < 4; g++) {
            all.add(Jgo.start(incrementer(mu, counter, n)));
        }
        for (int t = 0; t < 2; t++) {
            all.add(thread(() -> {
                for (int i = 0; i < n; i++) {
                    mu.lock();
                    int v = counter[0];
                    Thread.yield();
                    counter[0] = v + 1;
                    mu.unlock();
                }
                return null;
            }));
        }
        for (CompletableFuture<?> f : all) {
            f.get();
        }
        mu.lock(); // happens-after every unlock above
        assertEquals(6 * n, counter[0]);
        mu.unlock();
        assertFalse(mu.isLocked());
    }

    @Test
    void mutexTryLockAndUnlockOfUnlocked() {
        Mutex mu = new Mutex();
        assertTrue(mu.tryLock());
        assertFalse(mu.tryLock());
        mu.unlock();
        IllegalStateException e = assertThrows(IllegalStateException.class, mu::unlock);
        assertEquals("sync: unlock of unlocked mutex", e.getMessage());
    }

    @RepeatedTest(5)
    void mutexWakesWaitersInArrivalOrder() throws Exception {
        Mutex mu = new Mutex();
        mu.lock();
        List<Integer> order = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> ts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int id = i;
            Thread[] self = new Thread[1];
            CompletableFuture<Void> f = new CompletableFuture<>();
            self[0] = TestSupport.daemon(() -> {
                mu.lock();
                order.add(id);
                mu.unlock();
                f.complete(null);
            });
            awaitParked(self[0]); // queued before the next one starts
            ts.add(f);
        }
        assertFalse(mu.tryLock(), "held");
        mu.unlock();
        for (CompletableFuture<Void> f : ts) {
            f.get();
        }
        assertEquals(List.of(0, 1, 2, 3), order);
    }

    @RepeatedTest(5)
    void rwMutexAllowsReadersTogetherAndWritersAlone() throws Exception {
        RWMutex rw = new RWMutex();
        rw.rLock();
        assertTrue(rw.tryRLock(), "two readers at once");
        assertFalse(rw.tryLock(), "no writer while readers hold it");
        CompletableFuture<Void> writer = thread(() -> {
            rw.lock();
            rw.unlock();
            return null;
        });
        awaitTrue(() -> rw.toString().contains("writersWaiting=1"));
        assertFalse(rw.tryRLock(), "writer preference: a waiting writer blocks new readers");
        rw.rUnlock();
        rw.rUnlock();
        writer.get();
        IllegalStateException e = assertThrows(IllegalStateException.class, rw::rUnlock);
        assertEquals("sync: RUnlock of unlocked RWMutex", e.getMessage());
        assertThrows(IllegalStateException.class, rw::unlock);
    }

    @RepeatedTest(5)
    void rwMutexWriterUnlockLetsQueuedReadersInTogether() throws Exception {
        RWMutex rw = new RWMutex();
        rw.lock();
        CompletableFuture<List<Object>> r1 = Jgo.start(Steps.one(rw::rLock));
        CompletableFuture<List<Object>> r2 = Jgo.start(Steps.one(rw::rLock));
        awaitTrue(() -> rw.queued()[0] == 2);
        CompletableFuture<Void> w2 = thread(() -> {
            rw.lock();
            return null;
        });
        awaitTrue(() -> rw.toString().contains("writersWaiting=1"));
        rw.unlock();
        r1.join();
        r2.join();
        assertFalse(w2.isDone());
        rw.rUnlock();
        rw.rUnlock();
        w2.get();
        rw.unlock();
    }

    /**
     * The last reader out hands the lock to the queued writer and takes it off the waiting count:
     * once that writer unlocks, nobody waits, and a reader gets in at once.
     */
    @RepeatedTest(3)
    void rwMutexLastReaderOutHandsOffToTheWriterAndLeavesNoWriterWaiting() throws Exception {
        RWMutex rw = new RWMutex();
        rw.rLock();
        CompletableFuture<Void> proceed = new CompletableFuture<>();
        CompletableFuture<Void> w = thread(() -> {
            rw.lock();
            proceed.get();
            rw.unlock();
            return null;
        });
        awaitTrue(() -> rw.queued()[1] == 1);
        assertFalse(rw.tryRLock(), "a waiting writer keeps new readers out");
        rw.rUnlock(); // the last reader: hands the lock to the writer
        assertTrue(rw.toString().contains("writer=true, writersWaiting=0"), rw.toString());
        proceed.complete(null);
        w.get();
        assertTrue(rw.tryRLock(), "no writer holds or waits");
        rw.rUnlock();
    }

    @RepeatedTest(5)
    void rwMutexExcludesMixedGoroutinesAndThreads() throws Exception {
        RWMutex rw = new RWMutex();
        int[] counter = {0};
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            all.add(Jgo.start(incrementer(rw, counter, 200)));
        }
        AtomicInteger readersSawTorn = new AtomicInteger();
        for (int t = 0; t < 2; t++) {
            all.add(thread(() -> {
                for (int i = 0; i < 200; i++) {
                    rw.rLock();
                    int a = counter[0];
                    Thread.yield();
                    if (counter[0] != a) {
                        readersSawTorn.incrementAndGet();
                    }
                    rw.rUnlock();
                }
                return null;
            }));
        }
        for (CompletableFuture<?> f : all) {
            f.get();
        }
        rw.lock();
        assertEquals(600, counter[0]);
        rw.unlock();
        assertEquals(0, readersSawTorn.get(), "a writer ran while a reader held the lock");
    }

    @RepeatedTest(5)
    void condSignalAndBroadcastWakeWaitersHoldingTheLock() throws Exception {
        Mutex mu = new Mutex();
        Cond cond = new Cond(mu);
        boolean[] ready = {false};
        int[] woke = {0};
        // two goroutines and one thread wait for `ready`
        List<CompletableFuture<?>> waiters = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            waiters.add(Jgo.start(Steps.of(new java.util.function.IntFunction<>() {
                boolean finished;

                @Override
                public Steps.Step apply(int i) {
                    // called after each step completed: from step 1 on, the goroutine holds mu
                    if (i == 0) {
                        return mu::lock;
                    }
                    if (finished) {
                        return null;
                    }
                    if (ready[0]) {
                        return f -> {
                            woke[0]++;
                            mu.unlock();
                            finished = true;
                            return null;
                        };
                    }
                    return cond::await;
                }
            })));
        }
        waiters.add(thread(() -> {
            mu.lock();
            while (!ready[0]) {
                cond.await();
            }
            woke[0]++;
            mu.unlock();
            return null;
        }));
        awaitTrue(() -> cond.queued() == 3);
        mu.lock();
        ready[0] = true;
        cond.broadcast();
        mu.unlock();
        for (CompletableFuture<?> f : waiters) {
            f.get();
        }
        mu.lock();
        assertEquals(3, woke[0]);
        mu.unlock();

        CompletableFuture<Void> one = thread(() -> {
            mu.lock();
            cond.await();
            mu.unlock();
            return null;
        });
        awaitTrue(() -> cond.queued() == 1);
        cond.signal();
        one.get();
    }

    @Test
    void condSignalTakesTheWaiterOffTheQueueAndIsANoOpWithoutOne() throws Exception {
        Mutex mu = new Mutex();
        Cond cond = new Cond(mu);
        assertSame(mu, cond.locker());
        cond.signal(); // nobody waits: nothing to wake, nothing to unlink
        cond.broadcast();
        assertEquals(0, cond.queued());
        CompletableFuture<Void> one = thread(() -> {
            mu.lock();
            cond.await();
            mu.unlock();
            return null;
        });
        awaitTrue(() -> cond.queued() == 1);
        cond.signal();
        // signal unlinks the waiter before waking it: a waiter left queued would be woken twice
        assertEquals(0, cond.queued());
        one.get();
    }

    /**
     * A Cond over {@code rLocker()}: a woken waiter takes the read side again, so it queues
     * behind a writer that holds the lock, and once in it shares the lock with other readers and
     * excludes writers.
     */
    @RepeatedTest(3)
    void condOnTheReadSideWakesWaitersHoldingAReadLock() throws Exception {
        RWMutex rw = new RWMutex();
        Locker read = rw.rLocker();
        Cond cond = new Cond(read);
        CompletableFuture<Void> proceed = new CompletableFuture<>();
        CompletableFuture<Void> woke = new CompletableFuture<>();
        CompletableFuture<Void> t = thread(() -> {
            read.lock();
            cond.await();
            woke.complete(null);
            proceed.get(); // holds the read lock until the test has looked
            read.unlock();
            return null;
        });
        awaitTrue(() -> cond.queued() == 1); // await released the read lock
        rw.lock();
        cond.signal();
        // signal asked for the read side for the waiter; the writer holds it, so it queued
        assertEquals(1, rw.queued()[0]);
        assertFalse(woke.isDone());
        rw.unlock(); // readers queued meanwhile get in: the waiter wakes holding a read lock
        woke.get();
        assertFalse(rw.tryLock(), "the woken waiter holds a read lock");
        assertTrue(rw.tryRLock(), "readers share it");
        rw.rUnlock();

        // the read side's suspending twin: a goroutine queues behind a writer, then gets in
        proceed.complete(null);
        t.get();
        rw.lock();
        CompletableFuture<List<Object>> g = Jgo.start(Steps.one(read::lock));
        awaitTrue(() -> rw.queued()[0] == 1);
        rw.unlock();
        g.get(); // get, not join: interruptible, so @Timeout ends a hang
        assertFalse(rw.tryLock(), "the goroutine holds a read lock");
        read.unlock();
        assertTrue(rw.tryLock());
        rw.unlock();
    }

    /** A Cond over the write side, signalled while the lock is free: the waiter gets it at once. */
    @RepeatedTest(3)
    void condOnTheWriteSideSignalledWhileFreeWakesTheWaiterHoldingIt() throws Exception {
        RWMutex rw = new RWMutex();
        Cond cond = new Cond(rw);
        CompletableFuture<Void> proceed = new CompletableFuture<>();
        CompletableFuture<Void> woke = new CompletableFuture<>();
        CompletableFuture<Void> t = thread(() -> {
            rw.lock();
            cond.await();
            woke.complete(null);
            proceed.get();
            rw.unlock();
            return null;
        });
        awaitTrue(() -> cond.queued() == 1);
        cond.signal(); // the lock is free: signal takes it for the waiter and wakes it
        woke.get();
        assertFalse(rw.tryRLock(), "the woken waiter holds the write lock");
        proceed.complete(null);
        t.get();
        assertTrue(rw.tryLock());
        rw.unlock();
    }

    @RepeatedTest(5)
    void waitGroupReleasesWaitersAtZero() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(3);
        CompletableFuture<List<Object>> g = Jgo.start(Steps.one(wg::await));
        CompletableFuture<Void> t = thread(() -> {
            wg.await();
            return null;
        });
        wg.done();
        wg.done();
        assertFalse(g.isDone());
        wg.done();
        g.get();
        t.get();
        wg.await(); // zero: returns at once
        IllegalStateException e = assertThrows(IllegalStateException.class, wg::done);
        assertEquals("sync: negative WaitGroup counter", e.getMessage());
    }

    @Test
    void aNegativeAddIsUndoneAndTheWaitGroupStaysUsable() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> wg.add(-5));
        assertEquals("sync: negative WaitGroup counter", e.getMessage());
        assertEquals(2, wg.count());
        CompletableFuture<Void> t = thread(() -> {
            wg.await();
            return null;
        });
        wg.done();
        assertFalse(t.isDone());
        wg.done();
        t.get(10, TimeUnit.SECONDS);
        assertThrows(IllegalStateException.class, wg::done);
        assertEquals(0, wg.count());
        wg.await(); // still zero: returns at once
    }

    /**
     * Many goroutines and threads calling done() at once (the counter is an atomic add, outside
     * the lock) while others wait: every waiter is released exactly when the last one is done.
     * {@code -Pstress} runs 2,000 workers.
     */
    @RepeatedTest(20)
    void concurrentDonesReleaseEveryWaiterOnlyAtZero() throws Exception {
        int workers = ChanStressTest.STRESS ? 2_000 : 64;
        WaitGroup wg = new WaitGroup();
        wg.add(workers);
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger early = new AtomicInteger();
        List<CompletableFuture<?>> waiters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Steps.Step check = f -> {
                if (finished.get() != workers) {
                    early.incrementAndGet();
                }
                return null;
            };
            waiters.add(Jgo.start(Steps.of(k -> k == 0 ? wg::await : k == 1 ? check : null)));
            waiters.add(thread(() -> {
                wg.await();
                if (finished.get() != workers) {
                    early.incrementAndGet();
                }
                return null;
            }));
        }
        List<CompletableFuture<?>> doers = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Runnable done = () -> {
                finished.incrementAndGet();
                wg.done();
            };
            doers.add(i % 2 == 0 ? Jgo.start(Steps.one(f -> {
                done.run();
                return null;
            })) : thread(() -> {
                done.run();
                return null;
            }));
        }
        for (CompletableFuture<?> f : doers) {
            f.get(10, TimeUnit.SECONDS);
        }
        for (CompletableFuture<?> f : waiters) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertEquals(0, early.get(), "a waiter returned before the last done()");
        assertEquals(0, wg.count());
    }

    @RepeatedTest(5)
    void waitGroupGoStartsGoroutinesAndCountsThem() {
        WaitGroup wg = new WaitGroup();
        Chan<Integer> results = Chan.make(10);
        for (int i = 0; i < 10; i++) {
            int v = i;
            wg.go(Steps.one(f -> results.send(v, f)));
        }
        wg.go(Steps.one(f -> {
            throw new IllegalStateException("a failing task still counts as done");
        }));
        Jgo.run(Steps.one(wg::await));
        assertEquals(0, wg.count());
        assertEquals(10, results.len());
        assertThrows(IllegalArgumentException.class, () -> wg.go(new Task<Void>() {
        }));
        assertEquals(0, wg.count());
    }

    @RepeatedTest(5)
    void onceRunsExactlyOnceAndOthersWaitForIt() throws Exception {
        Once once = new Once();
        AtomicInteger runs = new AtomicInteger();
        Chan<Integer> gate = Chan.make();
        CompletableFuture<Void> first = thread(() -> {
            once.run(() -> {
                runs.incrementAndGet();
                gate.recv(); // hold f running until the test lets it go
            });
            return null;
        });
        awaitTrue(() -> runs.get() == 1);
        CompletableFuture<List<Object>> g = Jgo.start(Steps.one(f -> once.run(runs::incrementAndGet, f)));
        CompletableFuture<Void> t = thread(() -> {
            once.run(runs::incrementAndGet);
            return null;
        });
        // both wait paths (a parked goroutine, a blocked thread) are taken, not raced past
        awaitTrue(() -> once.queued() == 2);
        assertFalse(g.isDone() || t.isDone());
        assertFalse(once.isDone(), "f is still running");
        gate.send(0);
        first.get();
        g.get(); // get, not join: interruptible, so @Timeout ends a hang
        t.get();
        assertEquals(1, runs.get());
        assertTrue(once.isDone());
        assertEquals(0, once.queued());

        Once failing = new Once();
        assertThrows(IllegalStateException.class, () -> failing.run(() -> {
            throw new IllegalStateException("boom");
        }));
        failing.run(runs::incrementAndGet);
        assertEquals(1, runs.get(), "a panicking f still counts as done");
    }

    @RepeatedTest(5)
    void semaphoreIsWeightedAndFifo() throws Exception {
        Semaphore s = new Semaphore(10);
        s.acquire(7);
        assertFalse(s.tryAcquire(4));
        CompletableFuture<Void> big = thread(() -> {
            s.acquire(5);
            return null;
        });
        awaitTrue(() -> s.queued() == 1);
        assertFalse(s.tryAcquire(1), "FIFO: a waiter at the head blocks smaller requests");
        CompletableFuture<List<Object>> small = Jgo.start(Steps.one(f -> s.acquire(1, f)));
        awaitTrue(() -> s.queued() == 2);
        s.release(7);
        big.get();
        small.join();
        assertEquals(6, s.held());
        assertThrows(IllegalStateException.class, () -> s.release(7));
        assertThrows(IllegalArgumentException.class, () -> s.acquire(11));
    }

    @RepeatedTest(5)
    void semaphoreAcquireWithContextReturnsCtxErrAndLeavesTheSemaphoreUnchanged() throws Exception {
        Semaphore s = new Semaphore(10);
        CancelContext ctx = Context.withCancel(Context.background());
        assertNull(s.acquire(ctx, 8), "free: acquired at once");
        assertEquals(0, ctx.hookCount());

        // a canceled head lets the smaller waiter behind it in
        CompletableFuture<RuntimeException> big = thread(() -> s.acquire(ctx, 5));
        awaitTrue(() -> s.queued() == 1);
        CompletableFuture<Void> small = thread(() -> {
            s.acquire(2);
            return null;
        });
        awaitTrue(() -> s.queued() == 2);
        assertFalse(small.isDone(), "FIFO: it waits behind the head");
        ctx.cancel();
        assertSame(Context.CANCELED, big.get());
        small.get();
        assertEquals(10, s.held(), "the canceled acquire took nothing");
        assertEquals(0, s.queued());
        assertSame(Context.CANCELED, s.acquire(ctx, 1), "done context: fails at once");

        // goroutine: a deadline
        s.release(10);
        s.acquire(10);
        CancelContext soon = Context.withTimeout(Context.background(), java.time.Duration.ofMillis(5));
        List<Object> r = Jgo.run(Steps.one(f -> s.acquire(soon, 1, f)));
        assertSame(Context.DEADLINE_EXCEEDED, r.get(0));
        assertEquals(0, s.queued());

        // granted while listening: the hook is removed
        CancelContext live = Context.withCancel(Context.background());
        CompletableFuture<List<Object>> g = Jgo.start(Steps.one(f -> s.acquire(live, 3, f)));
        awaitTrue(() -> s.queued() == 1 && live.hookCount() == 1);
        s.release(3);
        assertEquals(Arrays.asList((Object) null), g.join());
        assertEquals(0, live.hookCount());
        assertEquals(10, s.held());
    }

    @RepeatedTest(5)
    void errGroupReturnsTheFirstErrorAndCancelsItsContext() {
        ErrGroup g = ErrGroup.withContext(Context.background());
        Chan<Integer> release = Chan.make();
        IllegalStateException boom = new IllegalStateException("boom");
        g.go(Steps.one(f -> {
            throw boom;
        }));
        // a task that waits until the context is canceled by the failure
        g.go(Steps.one(f -> g.context().done().recv(f)));
        g.go(Steps.one(release::recv));
        release.send(1);
        assertSame(boom, g.await());
        assertSame(Context.CANCELED, g.context().err());

        ErrGroup ok = new ErrGroup();
        ok.go(Steps.one(f -> null));
        assertNull(ok.await());
    }

    @RepeatedTest(3)
    void errGroupLimitBoundsConcurrentTasks() {
        ErrGroup g = new ErrGroup();
        g.setLimit(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        Chan<Integer> gate = Chan.make();
        // A goroutine starts 20 tasks through the suspending go twin; each task waits at the gate.
        CompletableFuture<List<Object>> spawner = Jgo.start(Steps.of(i -> i >= 20 ? null : f -> g.go(Steps.of(k -> k == 0 ? fr -> {
            int r = running.incrementAndGet();
            maxRunning.accumulateAndGet(r, Math::max);
            return gate.recv(fr);
        } : k == 1 ? fr -> {
            running.decrementAndGet();
            return null;
        } : null), f)));
        for (int i = 0; i < 20; i++) {
            gate.send(i);
        }
        spawner.join();
        assertNull(g.await());
        assertTrue(maxRunning.get() <= 2, "ran " + maxRunning.get() + " at once");
    }

    @Test
    void frameTypeIsVisible() {
        Frame<?> none = null;
        assertNull(none);
    }
}
