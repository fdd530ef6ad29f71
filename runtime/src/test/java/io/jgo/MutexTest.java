package io.jgo;

import io.jgo.internal.Waiter;
import static io.jgo.TestSupport.awaitTrue;
import static io.jgo.TestSupport.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.runtime.Frame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutex's normal and starvation modes. The protocol tests drive the mutex's waiter protocol by
 * hand with {@link Recorder} waiters (a woken waiter retries when the test says so), which makes
 * the interleavings deterministic; the stress tests run real goroutines and threads.
 */
@Timeout(60)
class MutexTest {

    /** A queued waiter driven by the test: records how it was completed. */
    private static final class Recorder extends Waiter {
        final List<Object> completions = new ArrayList<>();

        @Override
        public void complete(Object value, boolean ok) {
            assertTrue(ok);
            completions.add(value);
        }

        boolean woken() {
            return completions.size() == 1 && completions.get(0) == null;
        }

        boolean handedOff() {
            return completions.size() == 1 && completions.get(0) == Mutex.HANDED_OFF;
        }
    }

    private static final long LONG_WAIT = Mutex.STARVATION_NANOS + 1;

    @Test
    void unlockWakesTheFirstWaiterWithoutGivingItTheMutexSoARunningLockerBarges() {
        Mutex mu = new Mutex();
        mu.lock();
        Recorder w1 = new Recorder();
        Recorder w2 = new Recorder();
        assertFalse(mu.acquireOrQueue(w1, null, false, 0));
        assertFalse(mu.acquireOrQueue(w2, null, false, 0));
        assertEquals(2, mu.queued());

        mu.unlock();
        assertTrue(w1.woken(), "the first waiter is woken to compete, not handed the mutex");
        assertFalse(mu.isLocked());
        assertTrue(mu.tryLock(), "a running locker takes the mutex while the woken waiter is on its way");
        mu.unlock();
        assertTrue(w2.completions.isEmpty(), "no second waiter is woken while the first is on its way");

        assertTrue(mu.tryLock());
        Recorder w1again = new Recorder();
        assertFalse(mu.acquireOrQueue(w1again, null, true, 0), "the woken waiter lost the race");
        assertEquals(2, mu.queued());
        assertFalse(mu.isStarving(), "it waited less than 1 ms");

        mu.unlock();
        assertTrue(w1again.woken(), "the loser went back to the front of the queue");
        assertTrue(w2.completions.isEmpty());
        assertTrue(mu.acquireOrQueue(new Recorder(), null, true, 0), "the retry wins a free mutex");
        mu.unlock();
        assertTrue(w2.woken(), "nobody is lost: the next waiter is woken");
        assertTrue(mu.acquireOrQueue(new Recorder(), null, true, 0));
        mu.unlock();
        assertFalse(mu.isLocked());
        assertEquals(0, mu.queued());
        assertTrue(mu.tryLock(), "nothing left over in the state word");
        mu.unlock();
    }

    @Test
    void theExactValueFastPathsGiveWayAtTheFirstContentionAndTheMutexStaysCorrect() {
        Mutex mu = new Mutex();
        for (int i = 0; i < 1_000; i++) {
            mu.lock();
            assertTrue(mu.isLocked());
            mu.unlock();
        }
        assertFalse(mu.sawContention(), "uncontended lock/unlock must stay on the fast paths");
        mu.lock();
        Recorder w = new Recorder();
        assertFalse(mu.acquireOrQueue(w, null, false, 0));
        mu.unlock(); // WAITERS is set: the exact-value CAS fails, the general path wakes w
        assertTrue(mu.sawContention());
        assertTrue(w.woken());
        assertFalse(mu.isLocked());
        assertTrue(mu.acquireOrQueue(w, null, true, 0)); // the woken waiter takes it
        assertFalse(mu.tryLock());
        mu.unlock();
        for (int i = 0; i < 1_000; i++) { // the read-first paths, nobody waiting
            mu.lock();
            mu.unlock();
        }
        assertFalse(mu.isLocked());
        assertEquals(0, mu.queued());
        assertThrows(IllegalStateException.class, mu::unlock);
        assertFalse(mu.isLocked());
    }

    @Test
    void aStarvingWaiterIsHandedTheMutexAndTheLastOneLeavesNoBits() {
        Mutex mu = Mutex.alwaysStarving();
        mu.lock();
        Recorder w = new Recorder();
        assertFalse(mu.acquireOrQueue(w, null, false, 0));
        assertTrue(mu.isStarving(), "queued while held, past its (negative) threshold");
        assertFalse(mu.tryLock(), "newcomers cannot take it");
        mu.unlock();
        assertTrue(w.handedOff());
        assertTrue(mu.isLocked(), "a hand-off keeps the mutex held");
        assertFalse(mu.isStarving(), "the last waiter ends starvation mode");
        assertFalse(mu.hasStateBits());
        mu.unlock();
        assertFalse(mu.isLocked());
        assertTrue(mu.tryLock());
        mu.unlock();
    }

    @Test
    void unlockOfAFreshUnlockedMutexThrowsAndLeavesItUsable() {
        Mutex mu = new Mutex();
        IllegalStateException e = assertThrows(IllegalStateException.class, mu::unlock);
        assertEquals("sync: unlock of unlocked mutex", e.getMessage());
        assertFalse(mu.isLocked());
        assertTrue(mu.tryLock());
        mu.unlock();
        assertFalse(mu.isLocked());
    }

    @Test
    void aWaiterThatWaitedOver1msSwitchesToStarvationModeWhereUnlockHandsOff() {
        Mutex mu = new Mutex();
        mu.lock();
        Recorder w1 = new Recorder();
        Recorder w2 = new Recorder();
        mu.acquireOrQueue(w1, null, false, 0);
        mu.acquireOrQueue(w2, null, false, 0);
        mu.unlock();
        assertTrue(w1.woken());
        assertTrue(mu.tryLock()); // barges

        Recorder w1again = new Recorder();
        assertFalse(mu.acquireOrQueue(w1again, null, true, LONG_WAIT));
        assertTrue(mu.isStarving(), "a woken waiter that lost after waiting > 1 ms starves");

        mu.unlock();
        assertTrue(w1again.handedOff(), "starvation mode hands the mutex to the first waiter");
        assertTrue(mu.isLocked(), "held by w1 now");
        assertFalse(mu.tryLock(), "newcomers cannot take it");
        Recorder w3 = new Recorder();
        assertFalse(mu.acquireOrQueue(w3, null, false, 0));
        mu.handedOff(LONG_WAIT); // w1 waited long: starvation mode goes on
        assertTrue(mu.isStarving());

        mu.unlock(); // by w1
        assertTrue(w2.handedOff(), "FIFO: w2 queued before w3");
        assertTrue(w3.completions.isEmpty());
        mu.handedOff(0); // w2 waited less than 1 ms: normal mode again
        assertFalse(mu.isStarving());

        mu.unlock(); // by w2, in normal mode
        assertTrue(w3.woken(), "normal mode wakes, does not hand off");
        assertFalse(mu.isLocked());
        assertTrue(mu.tryLock());
        mu.unlock();
    }

    @Test
    void theLastWaiterLeavesStarvationMode() {
        Mutex mu = new Mutex();
        mu.lock();
        Recorder w = new Recorder();
        mu.acquireOrQueue(w, null, false, 0);
        mu.unlock();
        assertTrue(mu.tryLock());
        Recorder again = new Recorder();
        mu.acquireOrQueue(again, null, true, LONG_WAIT);
        assertTrue(mu.isStarving());
        mu.unlock();
        assertTrue(again.handedOff());
        assertFalse(mu.isStarving(), "nobody else waits");
        mu.handedOff(LONG_WAIT);
        mu.unlock();
        assertFalse(mu.isLocked());
        assertEquals(0, mu.queued());
    }

    @Test
    void aCondWaiterIsAlwaysHandedTheMutex() {
        Mutex mu = new Mutex();
        mu.lock();
        Recorder c = new Recorder();
        mu.acquireFor(c);
        assertTrue(c.completions.isEmpty());
        mu.unlock();
        assertEquals(1, c.completions.size(), "completed once it holds the mutex");
        assertNull(c.completions.get(0));
        assertTrue(mu.isLocked(), "the Cond waiter holds it: it cannot retry");
        mu.unlock();

        Recorder free = new Recorder();
        mu.acquireFor(free);
        assertEquals(1, free.completions.size(), "a free mutex is taken at once");
        assertTrue(mu.isLocked());
        mu.unlock();
    }

    @Test
    void unlockOfUnlockedThrowsAlsoWhileAWokenWaiterIsOnItsWay() {
        Mutex mu = new Mutex();
        mu.lock();
        Recorder w1 = new Recorder();
        Recorder w2 = new Recorder();
        mu.acquireOrQueue(w1, null, false, 0);
        mu.acquireOrQueue(w2, null, false, 0);
        mu.unlock();
        IllegalStateException e = assertThrows(IllegalStateException.class, mu::unlock);
        assertEquals("sync: unlock of unlocked mutex", e.getMessage());
        assertTrue(w2.completions.isEmpty(), "the failed unlock woke nobody");
        assertEquals(1, mu.queued());
        assertTrue(mu.acquireOrQueue(new Recorder(), null, true, 0), "w1's retry still wins");
        mu.unlock();
        assertTrue(w2.woken());
    }

    /**
     * A thread that keeps re-taking the mutex would overtake a woken waiter forever in normal
     * mode; after 1 ms the waiter switches to starvation mode and is handed the mutex.
     */
    @RepeatedTest(3)
    void aWaiterOvertakenByABargingLoopGetsTheMutex() throws Exception {
        Mutex mu = new Mutex();
        mu.lock();
        AtomicBoolean got = new AtomicBoolean();
        CompletableFuture<Void> waiter = thread(() -> {
            mu.lock();
            got.set(true);
            mu.unlock();
            return null;
        });
        awaitTrue(() -> mu.queued() == 1);
        while (!got.get()) {
            mu.unlock();
            mu.lock(); // blocks only once the waiter starves and is handed the mutex
        }
        mu.unlock();
        waiter.get();
        assertFalse(mu.isLocked());
        assertFalse(mu.isStarving());
    }

    /** Lock; check nobody else is inside; count; unlock. Some sections yield (long holds). */
    private static void critical(Mutex mu, AtomicInteger inside, long[] counter, int i) {
        if (inside.incrementAndGet() != 1) {
            throw new AssertionError("two holders at once");
        }
        counter[0]++;
        if (i % 64 == 0) {
            Thread.yield(); // a long hold now and then: waiters may pass 1 ms and starve
        }
        inside.decrementAndGet();
        mu.unlock();
    }

    @RepeatedTest(4)
    void mutualExclusionUnderStressWithGoroutinesAndThreadsMixed() {
        assertTimeoutPreemptively(Duration.ofSeconds(50), () -> {
            Mutex mu = new Mutex();
            AtomicInteger inside = new AtomicInteger();
            long[] counter = {0};
            int n = 20_000;
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int g = 0; g < 6; g++) {
                all.add(Jgo.start(Steps.of(i -> i >= 2 * n ? null : i % 2 == 0 ? mu::lock : f -> {
                    critical(mu, inside, counter, i / 2);
                    return null;
                })));
            }
            for (int t = 0; t < 2; t++) {
                all.add(thread(() -> {
                    for (int i = 0; i < n; i++) {
                        if (i % 3 != 0 || !mu.tryLock()) {
                            mu.lock();
                        }
                        critical(mu, inside, counter, i);
                    }
                    return null;
                }));
            }
            for (CompletableFuture<?> f : all) {
                f.get();
            }
            mu.lock(); // happens-after every unlock above
            assertEquals(8L * n, counter[0]);
            mu.unlock();
            assertFalse(mu.isLocked());
            assertEquals(0, mu.queued());
            assertFalse(mu.isStarving());
        });
    }

    /** Locks {@code mu} at "UserCode.java:42", then unlocks it: a generated frame's shape. */
    private static final class LockAtLine42 extends Frame<Void> {
        private final Mutex mu;

        LockAtLine42(Mutex mu) {
            this.mu = mu;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            if (error != null) {
                throw error;
            }
            if (label == 0) {
                label = 1;
                if (mu.lock(this) == SUSPENDED) {
                    return SUSPENDED;
                }
            }
            mu.unlock();
            return null;
        }

        @Override
        public StackTraceElement location() {
            return label == 1 ? new StackTraceElement("io.jgo.UserCode", "waiter", "UserCode.java", 42) : null;
        }
    }

    @Test
    void aDumpShowsAWaitingGoroutineAtItsLockCall() throws Exception {
        Mutex mu = new Mutex();
        mu.lock();
        CompletableFuture<Void> g = Jgo.start(new LockAtLine42(mu));
        awaitTrue(() -> mu.queued() == 1); // queued and parked under one lock
        String dump = Jgo.dump();
        assertTrue(dump.contains(" [sync.Mutex.Lock]:\nio.jgo.UserCode.waiter(...)\n\tUserCode.java:42\n"), dump);
        assertFalse(dump.contains("LockRetry"), "the runtime's retry frame names the user's line: " + dump);
        assertEquals(dump.indexOf("UserCode.java:42"), dump.lastIndexOf("UserCode.java:42"),
                "the retry frame is skipped, the user's line shows once: " + dump);
        mu.unlock();
        assertNull(g.get());
        assertFalse(mu.isLocked());
    }

    @Test
    void aGoroutineWokenInNormalModeResumesItsCallerHoldingTheMutex() throws Exception {
        Mutex mu = new Mutex();
        mu.lock();
        int[] held = {0};
        CompletableFuture<List<Object>> g = Jgo.start(Steps.of(i -> i == 0 ? mu::lock : i == 1 ? f -> {
            held[0] = mu.isLocked() ? 1 : -1;
            mu.unlock();
            return "done";
        } : null));
        awaitTrue(() -> mu.queued() == 1);
        mu.unlock();
        assertEquals(List.of("done"), g.get().subList(1, 2));
        assertSame(1, held[0]);
        assertFalse(mu.isLocked());
    }

    /**
     * Starvation mode ends when the mutex is handed to a waiter that did not wait long (Go:
     * "waited less than 1 ms"), even with others still queued behind it. The threshold here is 30
     * s, far above any real wait in this test; a waiter queued by hand with a longer wait turns
     * the mode on, and another one queued behind the real waiter keeps it from being the last
     * (which ends the mode anyway). {@code waiter} starts the real waiter, which reports whether
     * the mutex is still starving once it holds it.
     */
    private static void aShortWaitersHandOffEndsStarvation(
            java.util.function.Function<Mutex, CompletableFuture<Boolean>> waiter) throws Exception {
        long threshold = Mutex.PATIENT_NANOS;
        Mutex mu = Mutex.patient();
        mu.lock();
        Recorder starved = new Recorder();
        assertFalse(mu.acquireOrQueue(starved, null, false, threshold + 1));
        assertTrue(mu.isStarving());
        CompletableFuture<Boolean> starvingWhenHeld = waiter.apply(mu);
        awaitTrue(() -> mu.queued() == 2);
        Recorder behind = new Recorder();
        assertFalse(mu.acquireOrQueue(behind, null, false, 0));
        mu.unlock();
        assertTrue(starved.handedOff());
        mu.unlock(); // on behalf of `starved`: handed to the real waiter
        assertFalse(starvingWhenHeld.get(), "a hand-off to a waiter that waited briefly ends starvation");
        mu.unlock(); // on behalf of the real waiter: normal mode, so `behind` is woken, not handed it
        assertTrue(behind.woken());
        assertFalse(mu.isLocked());
    }

    @Test
    void aHandOffToAThreadThatWaitedBrieflyEndsStarvation() throws Exception {
        aShortWaitersHandOffEndsStarvation(mu -> thread(() -> {
            mu.lock();
            return mu.isStarving(); // holds the mutex: the test unlocks it on this thread's behalf
        }));
    }

    @Test
    void aHandOffToAGoroutineThatWaitedBrieflyEndsStarvation() throws Exception {
        aShortWaitersHandOffEndsStarvation(mu -> Jgo.start(Steps.of(i -> i == 0 ? mu::lock
                : i == 1 ? f -> mu.isStarving() : null)).thenApply(results -> (Boolean) results.get(1)));
    }
}
