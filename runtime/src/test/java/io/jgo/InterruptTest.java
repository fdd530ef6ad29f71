package io.jgo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A plain thread blocked in a jgo operation and then interrupted: it never spins, and it ends
 * the way semantics.md says. Interruptible operations throw {@link WaitInterruptedException}
 * with the interrupt status kept, and the operation did not happen; the locks wait on,
 * uninterruptibly, and return holding the lock with the status set again.
 *
 * <p>Every test also measures the blocked thread's CPU time: a park loop that keeps the interrupt
 * status set returns from {@code park} at once and burns a whole core.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InterruptTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** How long an interrupted, still-blocked thread is watched for spinning. */
    private static final long WATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    /** CPU an interrupted thread may use in the watch window (a spinning one uses all of it). */
    private static final long QUIET_CPU_NANOS = TimeUnit.MILLISECONDS.toNanos(60);

    /** What a blocked operation ended with, seen from its thread. */
    record Outcome(Object value, Throwable error, boolean interruptedAfter) {
    }

    /** A thread running one blocking operation. */
    static final class Blocked {
        final Thread thread;
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

        Blocked(Callable<Object> op) {
            thread = new Thread(() -> {
                Object value = null;
                Throwable error = null;
                try {
                    value = op.call();
                } catch (Throwable e) {
                    error = e;
                }
                outcome.complete(new Outcome(value, error, Thread.currentThread().isInterrupted()));
            }, "interrupt-test");
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits until the thread is parked in its operation. */
        Blocked parked() {
            while (thread.getState() != Thread.State.WAITING) {
                assertFalse(outcome.isDone(), () -> "the operation ended without blocking: " + outcome.join());
                Thread.yield();
            }
            return this;
        }

        /** Interrupts it and returns how it ended. */
        Outcome interruptAndJoin() throws Exception {
            thread.interrupt();
            return outcome.get(10, TimeUnit.SECONDS);
        }

        /**
         * Interrupts it, asserts that it stays blocked without using the CPU for a while, then
         * runs {@code release} and returns how it ended.
         */
        Outcome interruptStaysQuiet(Runnable release) throws Exception {
            long cpu0 = THREADS.getThreadCpuTime(thread.getId());
            long t0 = System.nanoTime();
            thread.interrupt();
            // A measurement window, not a wait for an event: the thread must do nothing in it.
            LockSupport.parkNanos(WATCH_NANOS);
            long cpu = THREADS.getThreadCpuTime(thread.getId()) - cpu0;
            long wall = System.nanoTime() - t0;
            assertFalse(outcome.isDone(), () -> "an uninterruptible wait ended on interrupt: " + outcome.join());
            assertTrue(cpu < QUIET_CPU_NANOS, "the interrupted thread used " + cpu / 1_000_000
                    + " ms of CPU in " + wall / 1_000_000 + " ms while blocked: it spins");
            release.run();
            return outcome.get(10, TimeUnit.SECONDS);
        }
    }

    private static void assertInterrupted(Outcome o, String operation) {
        assertInstanceOf(WaitInterruptedException.class, o.error(), () -> "outcome: " + o);
        assertTrue(o.error().getMessage().contains(operation), o.error().getMessage());
        assertTrue(o.interruptedAfter(), "the interrupt status must be kept");
    }

    private static void assertSucceededInterrupted(Outcome o) {
        assertNull(o.error(), () -> "unexpected failure: " + o.error());
        assertTrue(o.interruptedAfter(), "the interrupt status must be set again");
    }

    // ------------------------------------------------------------ channels and select

    @Test
    void recvOnUnbufferedChannelThrowsAndTakesNothing() throws Exception {
        Chan<String> ch = Chan.make();
        Blocked b = new Blocked(ch::recv).parked();
        assertInterrupted(b.interruptAndJoin(), "chan receive");
        assertEquals(0, TestSupport.receivers(ch), "the waiter must leave the queue");
        assertFalse(ch.trySend("x"), "nobody receives any more");
    }

    @Test
    void sendOnUnbufferedChannelThrowsAndSendsNothing() throws Exception {
        Chan<String> ch = Chan.make();
        Blocked b = new Blocked(() -> {
            ch.send("lost?");
            return null;
        }).parked();
        assertInterrupted(b.interruptAndJoin(), "chan send");
        assertEquals(0, TestSupport.senders(ch));
        assertNull(ch.tryRecv(), "the value was not sent");
    }

    @Test
    void sendOnFullBufferedChannelThrowsAndKeepsTheBuffer() throws Exception {
        Chan<Integer> ch = Chan.make(1);
        ch.send(1);
        Blocked b = new Blocked(() -> {
            ch.send(2);
            return null;
        }).parked();
        assertInterrupted(b.interruptAndJoin(), "chan send");
        assertEquals(1, ch.len());
        assertEquals(1, ch.recv());
        assertNull(ch.tryRecv());
    }

    @Test
    void rangeOverChannelOnThreadThrows() throws Exception {
        Chan<Integer> ch = Chan.make();
        Blocked b = new Blocked(() -> {
            int n = 0;
            for (Integer ignored : ch) {
                n++;
            }
            return n;
        }).parked();
        assertInterrupted(b.interruptAndJoin(), "chan receive");
    }

    @Test
    void timerChannelReceiveThrowsAndDisarms() throws Exception {
        Timer t = Jgo.newTimer(Duration.ofHours(1));
        Blocked b = new Blocked(() -> t.C().recv()).parked();
        assertInterrupted(b.interruptAndJoin(), "chan receive");
        assertTrue(t.stop(), "the timer is still pending: nothing was received");
    }

    @Test
    void selectThrowsAndUnqueuesEveryCase() throws Exception {
        Chan<String> a = Chan.make();
        Chan<String> c = Chan.make();
        RecvCase<String> ra = a.onRecv();
        SendCase<String> sc = c.onSend("never");
        Blocked b = new Blocked(() -> Jgo.select(ra, sc)).parked();
        assertInterrupted(b.interruptAndJoin(), "select");
        assertEquals(0, TestSupport.receivers(a));
        assertEquals(0, TestSupport.senders(c));
        assertFalse(a.trySend("x"));
        assertNull(c.tryRecv(), "the send case did not happen");
        // The cases are free again: a select may reuse them at once.
        a.close();
        assertSame(ra, Jgo.select(ra, sc));
    }

    @Test
    void nilChannelAndEmptySelectThrow() throws Exception {
        Chan<String> nil = Chan.nil();
        assertInterrupted(new Blocked(nil::recv).parked().interruptAndJoin(), "nil chan");
        assertInterrupted(new Blocked(() -> {
            nil.send("x");
            return null;
        }).parked().interruptAndJoin(), "nil chan");
        assertInterrupted(new Blocked(() -> Jgo.select()).parked().interruptAndJoin(), "select");
    }

    @Test
    void alreadyInterruptedThreadDoesNotWaitButSucceedsWhenNoWaitIsNeeded() throws Exception {
        Chan<Integer> ch = Chan.make(1);
        ch.send(7);
        Thread.currentThread().interrupt();
        try {
            assertEquals(7, ch.recv(), "a receive that needs no wait happens");
            assertTrue(Thread.currentThread().isInterrupted());
            WaitInterruptedException e = org.junit.jupiter.api.Assertions.assertThrows(
                    WaitInterruptedException.class, ch::recv);
            assertTrue(e.getMessage().contains("chan receive"));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    /**
     * An interrupt racing with a sender: the value is either received (the receive returns it
     * with the status set) or left for the next receiver (the receive throws). Never both, never
     * neither.
     */
    @RepeatedTest(3)
    void interruptRacingWithSendLosesNothing() throws Exception {
        Chan<Integer> ch = Chan.make();
        int received = 0;
        int interrupted = 0;
        for (int i = 0; i < 300; i++) {
            Blocked b = new Blocked(ch::recv).parked();
            int value = i;
            CompletableFuture<Void> sent = TestSupport.thread(() -> {
                ch.send(value);
                return null;
            });
            b.thread.interrupt();
            Outcome o = b.outcome.get(10, TimeUnit.SECONDS);
            if (o.error() == null) {
                // Received: the send may even have completed before the interrupt arrived.
                assertEquals(value, o.value());
                received++;
            } else {
                assertInterrupted(o, "chan receive");
                assertEquals(value, ch.recv(), "the value must still be there for the next receiver");
                interrupted++;
            }
            sent.get(10, TimeUnit.SECONDS);
            assertNull(ch.tryRecv(), "one value sent, one received");
        }
        assertEquals(300, received + interrupted);
    }

    /** The same race through a select: the case fires (and returns) or nothing happened. */
    @RepeatedTest(3)
    void interruptRacingWithSelectLosesNothing() throws Exception {
        Chan<Integer> a = Chan.make();
        Chan<Integer> c = Chan.make();
        for (int i = 0; i < 300; i++) {
            RecvCase<Integer> ra = a.onRecv();
            RecvCase<Integer> rc = c.onRecv();
            Blocked b = new Blocked(() -> Jgo.select(ra, rc)).parked();
            int value = i;
            CompletableFuture<Void> sent = TestSupport.thread(() -> {
                a.send(value);
                return null;
            });
            b.thread.interrupt();
            Outcome o = b.outcome.get(10, TimeUnit.SECONDS);
            if (o.error() == null) {
                assertSame(ra, o.value());
                assertEquals(value, ra.value());
            } else {
                assertInterrupted(o, "select");
                assertEquals(value, a.recv(), "the value must still be there");
            }
            sent.get(10, TimeUnit.SECONDS);
            assertEquals(0, TestSupport.receivers(a));
            assertEquals(0, TestSupport.receivers(c));
        }
    }

    // ------------------------------------------------------------ sync

    @Test
    void waitGroupAwaitThrows() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        Blocked b = new Blocked(() -> {
            wg.await();
            return null;
        }).parked();
        assertInterrupted(b.interruptAndJoin(), "sync.WaitGroup.Wait");
        wg.done(); // the withdrawn waiter is not completed twice (no IllegalState, no hang)
        wg.await();
    }

    @Test
    void condAwaitThrowsHoldingTheLockAgain() throws Exception {
        Mutex mu = new Mutex();
        Cond cond = new Cond(mu);
        Blocked b = new Blocked(() -> {
            mu.lock();
            try {
                cond.await();
                return "signalled";
            } finally {
                boolean held = !mu.tryLock();
                mu.unlock();
                assertTrue(held, "await must return or throw holding the lock");
            }
        }).parked();
        assertInterrupted(b.interruptAndJoin(), "sync.Cond.Wait");
        assertEquals(0, cond.queued());
        assertTrue(mu.tryLock(), "the lock was released after the failed wait");
        mu.unlock();
    }

    @Test
    void condSignalledBeforeInterruptReturnsNormally() throws Exception {
        Mutex mu = new Mutex();
        Cond cond = new Cond(mu);
        Blocked b = new Blocked(() -> {
            mu.lock();
            cond.await();
            mu.unlock();
            return "signalled";
        }).parked();
        mu.lock();
        cond.signal(); // the waiter now queues for the mutex, which we hold
        Outcome o = b.interruptStaysQuiet(mu::unlock);
        assertSucceededInterrupted(o);
        assertEquals("signalled", o.value());
    }

    @Test
    void semaphoreAcquireThrowsAndLetsTheNextWaiterIn() throws Exception {
        Semaphore s = new Semaphore(3);
        s.acquire(2);
        Blocked big = new Blocked(() -> {
            s.acquire(3);
            return null;
        }).parked();
        Blocked small = new Blocked(() -> {
            s.acquire(1);
            return "got 1";
        }).parked();
        assertEquals(2, s.queued());
        // The big head blocks the small one (FIFO); withdrawing it must let the small one in.
        assertInterrupted(big.interruptAndJoin(), "semaphore");
        Outcome o = small.outcome.get(10, TimeUnit.SECONDS);
        assertEquals("got 1", o.value());
        assertEquals(3, s.held());
    }

    @Test
    void semaphoreAcquireWithContextThrows() throws Exception {
        Semaphore s = new Semaphore(1);
        s.acquire(1);
        CancelContext h = Context.withCancel(Context.background());
        Blocked b = new Blocked(() -> s.acquire(h, 1)).parked();
        assertInterrupted(b.interruptAndJoin(), "semaphore");
        assertEquals(0, s.queued());
        h.cancel(); // the hook is gone: no second completion
        s.release(1);
        assertEquals(0, s.held());
    }

    @Test
    void errGroupAwaitThrows() throws Exception {
        ErrGroup g = new ErrGroup();
        Chan<String> gate = Chan.make();
        g.go(Steps.one(gate::recv));
        Blocked b = new Blocked(g::await).parked();
        assertInterrupted(b.interruptAndJoin(), "errgroup");
        gate.close();
        assertNull(g.await());
    }

    @Test
    void sleepThrows() throws Exception {
        Blocked b = new Blocked(() -> {
            Jgo.sleep(Duration.ofHours(1));
            return null;
        });
        while (b.thread.getState() != Thread.State.TIMED_WAITING) {
            Thread.yield();
        }
        assertInterrupted(b.interruptAndJoin(), "sleep");
    }

    // ------------------------------------------------------------ the locks: uninterruptible

    @Test
    void mutexLockWaitsOnQuietlyAndKeepsTheInterrupt() throws Exception {
        Mutex mu = new Mutex();
        mu.lock();
        Blocked b = new Blocked(() -> {
            mu.lock();
            mu.unlock();
            return "locked";
        }).parked();
        Outcome o = b.interruptStaysQuiet(mu::unlock);
        assertSucceededInterrupted(o);
        assertEquals("locked", o.value());
    }

    @Test
    void rwMutexLocksWaitOnQuietly() throws Exception {
        RWMutex rw = new RWMutex();
        rw.lock();
        Blocked reader = new Blocked(() -> {
            rw.rLock();
            rw.rUnlock();
            return "read";
        }).parked();
        Outcome o = reader.interruptStaysQuiet(rw::unlock);
        assertSucceededInterrupted(o);

        rw.rLock();
        Blocked writer = new Blocked(() -> {
            rw.lock();
            rw.unlock();
            return "written";
        }).parked();
        o = writer.interruptStaysQuiet(rw::rUnlock);
        assertSucceededInterrupted(o);
        assertEquals("written", o.value());
    }

    @Test
    void onceWaitsOnQuietly() throws Exception {
        Once once = new Once();
        Chan<String> inside = Chan.make();
        Chan<String> release = Chan.make();
        CompletableFuture<Void> first = TestSupport.thread(() -> {
            once.run(() -> {
                inside.send("in");
                release.recv();
            });
            return null;
        });
        inside.recv();
        AtomicInteger ran = new AtomicInteger();
        Blocked second = new Blocked(() -> {
            once.run(ran::incrementAndGet);
            return "done";
        }).parked();
        Outcome o = second.interruptStaysQuiet(() -> release.send("go"));
        assertSucceededInterrupted(o);
        first.get(10, TimeUnit.SECONDS);
        assertEquals(0, ran.get());
    }

    // ------------------------------------------------------------ Jgo.run

    @Test
    void runThrowsAndTheMainGoroutineGoesOn() throws Exception {
        Chan<String> gate = Chan.make();
        Chan<String> after = Chan.make(1);
        Blocked b = new Blocked(() -> Jgo.run(Steps.of(i -> i == 0 ? gate::recv
                : i == 1 ? f -> after.send("went on", f) : null)));
        // Parked in Jgo.run's future while the main goroutine is parked on gate.
        while (b.thread.getState() != Thread.State.WAITING) {
            Thread.yield();
        }
        Outcome o = b.interruptAndJoin();
        assertInterrupted(o, "Jgo.run");
        assertNotNull(o.error().getCause());
        gate.send("go");
        assertEquals("went on", after.recv());
    }
}
