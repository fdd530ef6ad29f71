package io.jgo;

import static io.jgo.TestSupport.awaitTrue;
import static io.jgo.TestSupport.receivers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Timers and tickers (Go 1.23 semantics). Waiting for time to pass is done by receiving from
 * another timer's channel, never by sleeping; assertions only use "at least" bounds.
 */
@Timeout(20)
class TimerTest {

    private static void waitAtLeast(Duration d) {
        assertNotNull(Jgo.after(d).recv());
    }

    @RepeatedTest(3)
    void afterDeliversOnceNoEarlierThanTheDuration() {
        long t0 = System.nanoTime();
        RecvChan<Instant> c = Jgo.after(Duration.ofMillis(20));
        assertNotNull(c.recv());
        assertTrue(System.nanoTime() - t0 >= 20_000_000L);
        assertEquals(0, c.len());
        assertEquals(0, c.cap(), "Go 1.23: timer channels are synchronous");
        assertNull(c.tryRecv(), "a timer delivers once");
    }

    @RepeatedTest(3)
    void afterWakesAGoroutine() {
        CompletableFuture<List<Object>> g = Jgo.start(Steps.one(Jgo.after(Duration.ofMillis(5))::recv));
        assertTrue(g.join().get(0) instanceof Instant);
    }

    @RepeatedTest(3)
    void stopBeforeExpiryReturnsTrueAndNothingIsDelivered() {
        Timer t = Jgo.newTimer(Duration.ofMillis(10));
        assertTrue(t.stop());
        assertFalse(t.stop(), "already stopped");
        waitAtLeast(Duration.ofMillis(20));
        assertNull(t.C().tryRecv());
    }

    @RepeatedTest(3)
    void stopAfterExpiryButBeforeReceiveDropsTheStaleValue() {
        Timer t = Jgo.newTimer(Duration.ofMillis(1));
        waitAtLeast(Duration.ofMillis(5));
        assertTrue(t.stop(), "Go 1.23: the value was not received, so Stop stops it");
        assertNull(t.C().tryRecv(), "no stale value after Stop");
    }

    @RepeatedTest(3)
    void resetRestartsAndNeverDeliversTheOldValue() {
        Timer t = Jgo.newTimer(Duration.ofMillis(1));
        waitAtLeast(Duration.ofMillis(5)); // the old deadline passed
        long t0 = System.nanoTime();
        t.reset(Duration.ofMillis(30));
        assertNotNull(t.C().recv());
        assertTrue(System.nanoTime() - t0 >= 30_000_000L, "the stale value was delivered");
        assertFalse(t.reset(Duration.ofMillis(1)), "fired and received: not active");
        assertNotNull(t.C().recv());
    }

    @RepeatedTest(3)
    void tickerTicksUntilStopped() {
        Ticker tk = Jgo.newTicker(Duration.ofMillis(2));
        for (int i = 0; i < 3; i++) {
            assertNotNull(tk.C().recv());
        }
        tk.stop();
        waitAtLeast(Duration.ofMillis(10));
        assertNull(tk.C().tryRecv(), "no tick after Stop");
        tk.reset(Duration.ofMillis(2));
        assertNotNull(tk.C().recv());
        tk.stop();
    }

    @Test
    void tickAndTickerRejectNonPositivePeriodsLikeGo() {
        assertTrue(((Chan<?>) Jgo.tick(Duration.ZERO)).isNil());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Jgo.newTicker(Duration.ZERO));
        assertTrue(e.getMessage().contains("non-positive interval for NewTicker"));
        Ticker tk = Jgo.newTicker(Duration.ofHours(1));
        assertThrows(IllegalArgumentException.class, () -> tk.reset(Duration.ofMillis(-1)));
        tk.stop();
        assertNotNull(Jgo.tick(Duration.ofHours(1)));
    }

    @RepeatedTest(3)
    void selectWithTimeoutTakesTheTimeoutWhenNothingElseComes() {
        Chan<Integer> never = Chan.make();
        RecvCase<Integer> in = never.onRecv();
        RecvCase<Instant> timeout = Jgo.after(Duration.ofMillis(5)).onRecv();
        assertSame(timeout, Jgo.select(in, timeout));
        assertEquals(0, receivers(never));
    }

    @RepeatedTest(3)
    void anAbandonedAfterReleasesItsRuntimeTimerAtOnce() throws Exception {
        Chan<Integer> a = Chan.make();
        RecvChan<Instant> hour = Jgo.after(Duration.ofHours(1));
        RecvCase<Instant> th = hour.onRecv();
        RecvCase<Integer> ra = a.onRecv();
        CompletableFuture<Case> f = TestSupport.thread(() -> Jgo.select(ra, th));
        awaitTrue(() -> receivers(a) == 1);
        assertTrue(((TimerChan) hour).hasAlarm(), "armed while a select waits on it");
        a.send(1);
        assertSame(ra, f.get());
        assertFalse(((TimerChan) hour).hasAlarm(), "released when the select left");
        // Many abandoned afters in a polling loop never reach the timer heap at all.
        for (int i = 0; i < 10_000; i++) {
            RecvCase<Instant> t = Jgo.after(Duration.ofHours(1)).onRecv();
            a.trySend(0);
            assertNull(Jgo.selectOrDefault(t));
            assertFalse(((TimerChan) t.chan).hasAlarm());
        }
    }

    @RepeatedTest(3)
    void zeroOrNegativeDurationTimerFiresAtOnce() {
        assertNotNull(Jgo.after(Duration.ZERO).recv());
        assertNotNull(Jgo.after(Duration.ofMillis(-5)).tryRecv());
    }

    @RepeatedTest(3)
    void afterFuncRunsOnceUnlessStopped() throws Exception {
        CompletableFuture<String> ran = new CompletableFuture<>();
        Timer t = Jgo.afterFunc(Duration.ofMillis(2), () -> ran.complete(Thread.currentThread().getName()));
        assertTrue(((Chan<?>) t.C()).isNil(), "Go: an AfterFunc timer's C is nil");
        assertEquals("jgo-plain-go", ran.get());
        assertFalse(t.stop(), "already ran");

        // Long enough that stop() always comes first, however loaded the machine (a 5 ms timer
        // could fire before the test thread got to stop it).
        CompletableFuture<Boolean> never = new CompletableFuture<>();
        Timer s = Jgo.afterFunc(Duration.ofMinutes(10), () -> never.complete(true));
        assertTrue(s.stop());
        assertFalse(s.stop(), "already stopped");
        assertFalse(never.isDone());
        assertFalse(s.reset(Duration.ofMillis(1)), "was stopped");
        assertTrue(never.get());
        assertFalse(s.stop(), "ran after the reset");
    }

    /**
     * A timer started from a plain thread, while the carriers park or sleep for a far deadline,
     * must wake the timer sleeper: {@code Sched.notifyTimer} and {@code stopm} form a Dekker pair
     * over the heap's {@code minWhen} and the sleep deadline. A missed start would leave the
     * sleeper asleep for ten minutes, and the five-second wait fails.
     */
    @Test
    void timersStartedFromAPlainThreadWakeTheSleepingCarrier() throws Exception {
        Timer far = Jgo.afterFunc(Duration.ofMinutes(10), () -> { });
        try {
            for (int i = 0; i < 300; i++) {
                CompletableFuture<Boolean> fired = new CompletableFuture<>();
                Jgo.afterFunc(Duration.ofNanos(200_000), () -> fired.complete(true));
                assertTrue(fired.get(5, TimeUnit.SECONDS), "timer " + i);
            }
        } finally {
            far.stop();
        }
    }

    @RepeatedTest(3)
    void afterFuncStartsAGoroutineOnce() {
        Chan<Integer> ch = Chan.make();
        Timer t = Jgo.afterFunc(Duration.ofMillis(1), Steps.one(f -> ch.send(7, f)));
        assertEquals(7, ch.recv());
        assertThrows(IllegalStateException.class, () -> t.reset(Duration.ofMillis(1)));
        assertThrows(IllegalArgumentException.class, () -> Jgo.afterFunc(Duration.ZERO, new Task<Void>() {
        }));
    }
}
