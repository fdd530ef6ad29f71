package io.jgo.internal;

import io.jgo.runtime.Frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.Jgo;
import io.jgo.internal.TestFrames.Countdown;
import io.jgo.internal.TestFrames.Leaf;
import io.jgo.internal.TestFrames.Procs;
import io.jgo.internal.TestFrames.StartThenAwait;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The monitor (sysmon): preemption of long-running goroutines and hand-off of the P of a carrier
 * stuck in a blocking call. Each test would hang (and hit its timeout) without the mechanism.
 */
class MonitorTest {

    /** A CPU-bound loop that checks preemptRequested() on its back-edge, as generated code will. */
    static final class Spinner extends Frame<Void> {
        final AtomicInteger stop;
        final AtomicInteger preemptions;
        final Countdown done;
        /** Runs once, before the loop; may be null. */
        Runnable first;
        long iterations;

        Spinner(AtomicInteger stop, AtomicInteger preemptions, Countdown done) {
            this(stop, preemptions, done, null);
        }

        Spinner(AtomicInteger stop, AtomicInteger preemptions, Countdown done, Runnable first) {
            this.stop = stop;
            this.preemptions = preemptions;
            this.done = done;
            this.first = first;
        }

        @Override
        protected Object resume(Object value, Throwable error) {
            if (first != null) {
                Runnable r = first;
                first = null;
                r.run();
            }
            for (;;) {
                if (stop.get() != 0) {
                    done.done();
                    return null;
                }
                iterations++;
                if (preemptRequested()) { // the loop back-edge check
                    preemptions.incrementAndGet();
                    label = 1;
                    if (Jgo.gosched(this) == SUSPENDED) {
                        return SUSPENDED;
                    }
                }
            }
        }
    }

    /** Sleeps, then stops the spinner: it can only run if the spinner is preempted. */
    static final class SleepThenStop extends Frame<Void> {
        final AtomicInteger stop;
        final Countdown done;

        SleepThenStop(AtomicInteger stop, Countdown done) {
            this.stop = stop;
            this.done = done;
        }

        @Override
        protected Object resume(Object value, Throwable error) {
            if (label == 0) {
                label = 1;
                if (Jgo.sleep(Duration.ofMillis(1), this) == SUSPENDED) {
                    return SUSPENDED;
                }
            }
            stop.set(1);
            done.done();
            return null;
        }
    }

    @RepeatedTest(5)
    @Timeout(30)
    void aCpuBoundLoopDoesNotStarveASleeperOnItsProc() {
        try (Procs ignored = new Procs(1)) {
            AtomicInteger stop = new AtomicInteger();
            AtomicInteger preemptions = new AtomicInteger();
            Countdown done = new Countdown(2);
            Jgo.run(new StartThenAwait<>(() -> {
                Jgo.go(new SleepThenStop(stop, done));
                Jgo.go(new Spinner(stop, preemptions, done));
            }, done.gate, () -> null));
            assertTrue(preemptions.get() >= 1, "the spinner was never asked to yield");
        }
    }

    /**
     * A goroutine that took its P back after a blocking section is still known to the monitor:
     * its CPU-bound loop is asked to yield, so the sleeper it readied into the same P's runnext
     * runs. (The P forgets its running goroutine while handed off; exitBlocking restores it.)
     */
    @RepeatedTest(5)
    @Timeout(30)
    void aLoopAfterABlockingSectionIsStillPreempted() {
        try (Procs ignored = new Procs(1)) {
            AtomicInteger stop = new AtomicInteger();
            AtomicInteger preemptions = new AtomicInteger();
            Countdown done = new Countdown(2);
            Sched sched = TestSched.defaultSched();
            Jgo.run(new StartThenAwait<>(() -> Jgo.go(new Spinner(stop, preemptions, done, () -> {
                Jgo.blocking(() -> {
                    // Until the handed-off P is idle again, so that exitBlocking takes it back
                    // (instead of running on without a P while another carrier holds it).
                    while (sched.idleProcs() != 1) {
                        Thread.yield();
                    }
                });
                Jgo.go(new SleepThenStop(stop, done)); // runnext of the P the spinner then holds
            })), done.gate, () -> null));
            assertTrue(preemptions.get() >= 1, "the spinner was never asked to yield");
        }
    }

    /** A pair of goroutines handing off to each other through the running goroutine's P. */
    static final class Baton {
        private G waiting;

        synchronized Object pass(Frame<?> f) {
            G me = Frames.goroutineOf(f);
            if (waiting != null) {
                G other = waiting;
                waiting = null;
                other.ready(null, null); // runnext of this P
            }
            waiting = me;
            return me.park(f, WaitReason.CHAN_SEND);
        }

        synchronized void release() {
            if (waiting != null) {
                waiting.ready(null, null);
                waiting = null;
            }
        }
    }

    static final class PingPong extends Frame<Void> {
        final Baton baton;
        final AtomicInteger stop;
        final Countdown done;
        final Runnable onFirstRound;
        long rounds;

        PingPong(Baton baton, AtomicInteger stop, Countdown done, Runnable onFirstRound) {
            this.baton = baton;
            this.stop = stop;
            this.done = done;
            this.onFirstRound = onFirstRound;
        }

        @Override
        protected Object resume(Object value, Throwable error) {
            for (;;) {
                if (label == 1) {
                    if (stop.get() != 0) {
                        baton.release();
                        done.done();
                        return null;
                    }
                    if (rounds++ == 0 && onFirstRound != null) {
                        onFirstRound.run();
                    }
                }
                label = 1;
                if (baton.pass(this) == SUSPENDED) {
                    return SUSPENDED;
                }
            }
        }
    }

    /**
     * Two goroutines readying each other run through runnext and inherit one time slice; a third,
     * queued in the ring of the same P, still runs: the monitor expires the slice.
     */
    @RepeatedTest(5)
    @Timeout(30)
    void aRunnextPingPongPairDoesNotStarveTheRunQueue() {
        try (Procs ignored = new Procs(1)) {
            AtomicInteger stop = new AtomicInteger();
            Countdown done = new Countdown(3);
            Baton baton = new Baton();
            Runnable spawnStopper = () -> Jgo.go(new Leaf(() -> {
                stop.set(1);
                done.done();
            }));
            Jgo.run(new StartThenAwait<>(() -> {
                Jgo.go(new PingPong(baton, stop, done, spawnStopper));
                Jgo.go(new PingPong(baton, stop, done, null));
            }, done.gate, () -> null));
            assertEquals(1, stop.get());
        }
    }

    /**
     * A goroutine blocks its carrier in plain (untransformed) code waiting for a goroutine queued
     * behind it on the same P: the monitor hands the P to another M.
     */
    @RepeatedTest(5)
    @Timeout(30)
    void aBlockingCallDoesNotStallTheGoroutinesBehindIt() {
        try (Procs ignored = new Procs(1)) {
            CountDownLatch latch = new CountDownLatch(1);
            Countdown done = new Countdown(1);
            AtomicInteger awaited = new AtomicInteger();
            Jgo.run(new StartThenAwait<>(() -> Jgo.go(new Leaf(() -> {
                Jgo.go(new Leaf(latch::countDown)); // runnext of this P, behind us
                try {
                    if (latch.await(20, TimeUnit.SECONDS)) { // blocks the carrier, no hint
                        awaited.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.done();
            })), done.gate, () -> null));
            assertEquals(1, awaited.get(), "the goroutine behind the blocked one never ran");
        }
    }

    /**
     * A goroutine blocks its carrier (kind 0: on a Java monitor, thread state BLOCKED; 1: in
     * CountDownLatch.await(), WAITING; 2: in await with a timeout, TIMED_WAITING) until the test
     * thread lets it go, which it does once a goroutine it spawned (global queue) ran: on one P,
     * only the monitor handing the blocked carrier's P to another M lets that one run. (The
     * other test of this rule has the goroutine behind in the local queue.) The monitor hands off
     * a blocked carrier's P after 1 ms; it would also hand it off 10 ms after asking the
     * goroutine to yield, a request a blocked one cannot honour. So at least one attempt must
     * see the goroutine run before that request was made.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    @Timeout(120)
    void aBlockedCarrierHandsItsPToAGoroutineInTheGlobalQueue(int kind) throws Exception {
        try (Procs ignored = new Procs(1)) {
            for (int rep = 0; rep < 3; rep++) {
                int attempts = 0;
                boolean beforeAnyRequest = false;
                while (!beforeAnyRequest && attempts < 10) {
                    attempts++;
                    beforeAnyRequest = blockedCarrierHandsOff(kind);
                }
                assertTrue(beforeAnyRequest, "in " + attempts + " attempts, the P of the blocked carrier"
                        + " was only handed off after its goroutine was asked to yield");
            }
        }
    }

    /** One attempt; returns whether the goroutine ran before the blocked one was asked to yield. */
    private static boolean blockedCarrierHandsOff(int kind) throws Exception {
        Object monitor = new Object();
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<G> blocked = new AtomicReference<>();
        CountDownLatch entering = new CountDownLatch(1);
        CountDownLatch ran = new CountDownLatch(1);
        AtomicBoolean askedToYield = new AtomicBoolean();
        CompletableFuture<Void> blocker;
        boolean globalRan;
        String diagnostics;
        synchronized (monitor) {
            blocker = Jgo.start(new Leaf(() -> {
                blocked.set(((M) Thread.currentThread()).curg());
                entering.countDown();
                try {
                    switch (kind) {
                        case 0:
                            synchronized (monitor) {
                                monitor.notifyAll();
                            }
                            break;
                        case 1:
                            release.await();
                            break;
                        default:
                            assertTrue(release.await(60, TimeUnit.SECONDS));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertTrue(entering.await(20, TimeUnit.SECONDS), TestFrames.diagnostics());
            Jgo.go(new Leaf(() -> { // from a plain thread: the global queue
                askedToYield.set(blocked.get().preempt);
                ran.countDown();
            }));
            globalRan = ran.await(10, TimeUnit.SECONDS);
            diagnostics = globalRan ? "" : TestFrames.diagnostics(); // while still blocked
            release.countDown();
        }
        blocker.get(20, TimeUnit.SECONDS);
        assertTrue(globalRan, "the goroutine behind the blocked carrier never ran\n" + diagnostics);
        return !askedToYield.get();
    }

    /** Jgo.blocking hands the P off up front, and the goroutine gets a P back after. */
    @RepeatedTest(5)
    @Timeout(30)
    void blockingHandsThePOffUpFront() {
        try (Procs ignored = new Procs(1)) {
            CountDownLatch latch = new CountDownLatch(1);
            Countdown done = new Countdown(1);
            AtomicInteger awaited = new AtomicInteger();
            Jgo.run(new StartThenAwait<>(() -> Jgo.go(new Leaf(() -> {
                Jgo.go(new Leaf(latch::countDown));
                Jgo.blocking(() -> {
                    try {
                        if (latch.await(20, TimeUnit.SECONDS)) {
                            awaited.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                done.done();
            })), done.gate, () -> null));
            assertEquals(1, awaited.get());
        }
    }

    /** Many goroutines blocking their carriers at once: each gets its own M, bounded by them. */
    @RepeatedTest(3)
    @Timeout(60)
    void manyBlockedCarriersStillLetTheRestRun() {
        try (Procs ignored = new Procs(2)) {
            int blockers = 20; // 20 platform threads at most: well under the sandbox limit
            CountDownLatch release = new CountDownLatch(1);
            Countdown done = new Countdown(blockers + 1000);
            AtomicInteger quick = new AtomicInteger();
            Jgo.run(new StartThenAwait<>(() -> {
                for (int i = 0; i < blockers; i++) {
                    Jgo.go(new Leaf(() -> {
                        Jgo.blocking(() -> {
                            try {
                                release.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
                        done.done();
                    }));
                }
                for (int i = 0; i < 1000; i++) {
                    Jgo.go(new Leaf(() -> {
                        if (quick.incrementAndGet() == 1000) {
                            release.countDown();
                        }
                        done.done();
                    }));
                }
            }, done.gate, () -> null));
            assertEquals(1000, quick.get());
        }
    }
}
