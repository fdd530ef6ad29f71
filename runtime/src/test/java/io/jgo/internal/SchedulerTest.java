package io.jgo.internal;

import io.jgo.runtime.Frame;
import io.jgo.runtime.Goexit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.internal.TestFrames.Countdown;
import io.jgo.internal.TestFrames.Gate;
import io.jgo.internal.TestFrames.Leaf;
import io.jgo.internal.TestFrames.Procs;
import io.jgo.internal.TestFrames.StartThenAwait;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scheduler's run order, scale, yielding and GOMAXPROCS, with hand-written frames. */
class SchedulerTest {

    /** Go's newproc puts the new goroutine in runnext: the last spawned runs first. */
    @RepeatedTest(20)
    @Timeout(20)
    void withOneProcTheLastSpawnedRunsFirstThenTheOthersInOrder() {
        try (Procs ignored = new Procs(1)) {
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            Countdown done = new Countdown(10);
            List<Integer> seen = Jgo.run(new StartThenAwait<>(() -> {
                for (int i = 0; i < 10; i++) {
                    int k = i;
                    Jgo.go(new Leaf(() -> {
                        order.add(k);
                        done.done();
                    }));
                }
            }, done.gate, () -> new ArrayList<>(order)));
            assertEquals(List.of(9, 0, 1, 2, 3, 4, 5, 6, 7, 8), seen);
        }
    }

    /** The monitor's time slice (Sched.PREEMPT_NANOS): it expires no slice younger than this. */
    static long preemptNanos() {
        try {
            java.lang.reflect.Field f = Sched.class.getDeclaredField("PREEMPT_NANOS");
            f.setAccessible(true);
            return f.getLong(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Opens a gate (for whoever waits to see it parked), parks at another, then records itself. */
    static final class ParkThenRecord extends Frame<Void> {
        final Gate parked;
        final Gate wake;
        final List<String> order;
        final AtomicLong ranAt;
        final Countdown done;

        ParkThenRecord(Gate parked, Gate wake, List<String> order, AtomicLong ranAt, Countdown done) {
            this.parked = parked;
            this.wake = wake;
            this.order = order;
            this.ranAt = ranAt;
            this.done = done;
        }

        @Override
        protected Object resume(Object value, Throwable error) {
            if (label == 0) {
                label = 1;
                parked.open(); // readies the main goroutine: it runs once we parked
                if (wake.await(this) == SUSPENDED) {
                    return SUSPENDED;
                }
            }
            ranAt.set(System.nanoTime());
            order.add("W");
            done.done();
            return null;
        }
    }

    /**
     * Main goroutine: spawns the waiter and waits until it parked, spawns three goroutines
     * (queued on this P), readies the waiter, and waits for all four.
     */
    static final class ReadyAfterQueueing extends Frame<List<String>> {
        final List<String> order = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong ranAt = new AtomicLong();
        final Gate parked = new Gate();
        final Gate wake = new Gate();
        final Countdown done = new Countdown(4);

        @Override
        protected Object resume(Object value, Throwable error) {
            switch (label) {
                case 0:
                    Jgo.go(new ParkThenRecord(parked, wake, order, ranAt, done));
                    label = 1;
                    if (parked.await(this) == SUSPENDED) {
                        return SUSPENDED;
                    }
                    // fall through
                case 1:
                    for (int i = 1; i <= 3; i++) {
                        String name = "Q" + i;
                        Jgo.go(new Leaf(() -> {
                            order.add(name);
                            done.done();
                        }));
                    }
                    wake.open(); // readies the waiter: it goes before the three
                    label = 2;
                    if (done.gate.await(this) == SUSPENDED) {
                        return SUSPENDED;
                    }
                    // fall through
                default:
                    return new ArrayList<>(order);
            }
        }
    }

    /**
     * Go's ready() puts the goroutine readied by the running one in runnext: on one P it runs
     * before the goroutines already queued, here three spawned just before. The monitor may
     * legitimately reorder: it expires a slice (runnext then goes behind the ring) once it is
     * 10 ms old, which a descheduled carrier reaches, and a retake moves the queue. All of this
     * runs in one slice, inherited through runnext, that starts after {@code t0}: an attempt in
     * which the waiter ran less than 10 ms after {@code t0}, with no retake, is one the monitor
     * cannot have touched, and its order is checked.
     */
    @RepeatedTest(5)
    @Timeout(60)
    void aGoroutineReadiedByTheRunningOneRunsBeforeTheQueuedOnes() throws Exception {
        try (Procs ignored = new Procs(1)) {
            long slice = preemptNanos();
            int checked = 0;
            for (int attempt = 0; attempt < 20; attempt++) {
                long retakes = TestSched.defaultSched().retakes();
                long t0 = System.nanoTime();
                ReadyAfterQueueing main = new ReadyAfterQueueing();
                List<String> order = TestFrames.runOrDiagnose(main, 20);
                if (main.ranAt.get() - t0 >= slice || TestSched.defaultSched().retakes() != retakes) {
                    continue;
                }
                checked++;
                assertEquals(List.of("W", "Q1", "Q2", "Q3"), order, "attempt " + attempt);
            }
            assertTrue(checked > 0, "in 20 attempts, the monitor always had time to intervene");
        }
    }

    /**
     * Spawns {@code n} goroutines into its own P's queue, then holds that P (no preemption check,
     * no blocking) until they all ran or {@code holdNanos} passed. Returns whether they all ran
     * while its P stayed its own: then every one of them ran on another P, which stole it.
     */
    static final class SpawnThenHold extends Frame<Boolean> {
        final int n;
        final long holdNanos;
        final AtomicInteger ran = new AtomicInteger();

        SpawnThenHold(int n, long holdNanos) {
            this.n = n;
            this.holdNanos = holdNanos;
        }

        @Override
        protected Object resume(Object value, Throwable error) {
            P mine = ((M) Thread.currentThread()).p;
            for (int i = 0; i < n; i++) {
                Jgo.go(new Leaf(ran::incrementAndGet));
            }
            long deadline = System.nanoTime() + holdNanos;
            while (ran.get() < n && System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            }
            return ran.get() == n && !mine.retired;
        }
    }

    /**
     * With two Ps, goroutines queued on a P whose goroutine never yields run on the other P,
     * which steals them, half of what is left at a time, down to the last one (a steal rounds
     * up) and the one in runnext. The monitor can rescue them too, by retaking the busy P after
     * 20 ms (its goroutine ignores the request to yield), which a descheduled carrier reaches
     * on a loaded machine: an attempt counts only if the busy P was not retaken.
     */
    @RepeatedTest(3)
    @Timeout(120)
    void anIdleProcStealsEverythingQueuedBehindABusyOne() throws Exception {
        try (Procs ignored = new Procs(2)) {
            boolean stolen = false;
            int attempts = 0;
            while (!stolen && attempts < 10) {
                attempts++;
                assertTrue(TestSched.ofDefault().awaitIdle(20_000), TestFrames.diagnostics());
                long retakes = TestSched.defaultSched().retakes();
                SpawnThenHold s = new SpawnThenHold(64, TimeUnit.SECONDS.toNanos(2));
                boolean all = Jgo.start(s).get(20, TimeUnit.SECONDS);
                stolen = all && TestSched.defaultSched().retakes() == retakes;
            }
            assertTrue(stolen, "in " + attempts + " attempts, the goroutines queued behind a busy P"
                    + " only ran after the monitor retook it");
        }
    }

    @Test
    @Timeout(120)
    void aMillionGoroutinesAreSpawnedAndComplete() {
        int n = 1_000_000;
        AtomicInteger ran = new AtomicInteger();
        Countdown done = new Countdown(n);
        int seen = Jgo.run(new StartThenAwait<>(() -> {
            for (int i = 0; i < n; i++) {
                Jgo.go(new Leaf(() -> {
                    ran.incrementAndGet();
                    done.done();
                }));
            }
        }, done.gate, ran::get));
        assertEquals(n, seen);
    }

    @RepeatedTest(3)
    @Timeout(60)
    void goroutinesSpawnedFromPlainThreadsAllRunOnEveryProcCount() throws Exception {
        for (int procs : new int[] {1, 2, 3}) {
            try (Procs ignored = new Procs(procs)) {
                // goroutines of earlier tests may still be exiting: let them
                assertTrue(TestSched.ofDefault().awaitIdle(20_000), TestFrames.diagnostics());
                int before = Jgo.numGoroutine();
                List<CompletableFuture<Integer>> fs = new ArrayList<>();
                for (int i = 0; i < 10_000; i++) {
                    int k = i;
                    fs.add(Jgo.start(new Frame<Integer>() {
                        @Override
                        protected Object resume(Object value, Throwable error) {
                            return k * 2;
                        }
                    }));
                }
                long sum = 0;
                for (CompletableFuture<Integer> f : fs) {
                    sum += f.get(30, TimeUnit.SECONDS);
                }
                assertEquals(2L * (10_000L * 9_999 / 2), sum);
                // onExit runs after the goroutine left the registry
                assertEquals(before, Jgo.numGoroutine());
            }
        }
    }

    /**
     * Goroutines that never park are not in the registry (they join it on their first park), yet
     * numGoroutine counts them and dumps list them, found on the Ps and in the run queues.
     */
    @RepeatedTest(3)
    @Timeout(60)
    void goroutinesThatNeverParkAreCountedAndDumped() throws Exception {
        try (Procs ignored = new Procs(2)) {
            assertTrue(TestSched.ofDefault().awaitIdle(20_000), TestFrames.diagnostics());
            int before = Jgo.numGoroutine();
            AtomicBoolean stop = new AtomicBoolean();
            int k = 3;
            CountDownLatch started = new CountDownLatch(k);
            List<Long> ids = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<Integer>> fs = new ArrayList<>();
            try {
                for (int i = 0; i < k; i++) {
                    fs.add(Jgo.start(new Frame<Integer>() {
                        @Override
                        protected Object resume(Object value, Throwable error) {
                            if (label == 0) {
                                ids.add(Frames.goroutineOf(this).id());
                                label = 1;
                                started.countDown();
                            }
                            // runnable or running until stopped, never parked: runs for
                            // 200 µs at a time, then yields (which is not a park). Running
                            // most of the time keeps it on its P, where a dump finds it; a
                            // goroutine that only yielded would be between the P and the
                            // global queue, out of a racy dump's sight, too often.
                            long until = System.nanoTime() + 200_000;
                            while (!stop.get() && System.nanoTime() - until < 0) {
                                Thread.onSpinWait();
                            }
                            return stop.get() ? 0 : Sched.gosched(this);
                        }
                    }));
                }
                assertEquals(before + k, Jgo.numGoroutine(), "counted from the spawn on");
                assertTrue(started.await(20, TimeUnit.SECONDS), TestFrames.diagnostics());
                // A dump reads the queues without stopping anybody, so one taken while a goroutine
                // moves from its P to the global queue may miss it: each must show up in a few.
                List<Long> unseen = new ArrayList<>(ids);
                for (int attempt = 0; attempt < 1_000 && !unseen.isEmpty(); attempt++) {
                    String dump = Jgo.dump();
                    unseen.removeIf(id -> dump.contains("goroutine " + id + " [runn"));
                }
                assertTrue(unseen.isEmpty(), "never dumped: " + unseen + "\n" + Jgo.dump());
            } finally {
                stop.set(true);
            }
            for (CompletableFuture<Integer> f : fs) {
                assertEquals(0, f.get(30, TimeUnit.SECONDS));
            }
            assertTrue(TestSched.ofDefault().awaitIdle(20_000), TestFrames.diagnostics());
            assertEquals(before, Jgo.numGoroutine(), "and uncounted when they end");
        }
    }

    /** Gosched puts the goroutine on the global queue: two yielding goroutines interleave. */
    @RepeatedTest(10)
    @Timeout(20)
    void goschedAlternatesTwoGoroutinesOnOneProc() {
        try (Procs ignored = new Procs(1)) {
            StringBuffer trace = new StringBuffer();
            Countdown done = new Countdown(2);
            String seen = Jgo.run(new StartThenAwait<>(() -> {
                Jgo.go(new Yielder('a', 5, trace, done));
                Jgo.go(new Yielder('b', 5, trace, done));
            }, done.gate, trace::toString));
            // Each yield lets the other run: they alternate, except that every 61st schedule
            // takes the global queue first (fairness), which may let one run twice in a row.
            assertEquals(10, seen.length());
            assertTrue(!seen.contains("aaa") && !seen.contains("bbb"), seen);
            assertTrue(seen.startsWith("b"), seen); // spawned last: runnext
        }
    }

    /** Appends {@code c} then yields, {@code n} times. */
    static final class Yielder extends Frame<Void> {
        final char c;
        final int n;
        final StringBuffer trace;
        final Countdown done;
        int i;

        Yielder(char c, int n, StringBuffer trace, Countdown done) {
            this.c = c;
            this.n = n;
            this.trace = trace;
            this.done = done;
        }

        @Override
        protected Object resume(Object value, Throwable error) {
            for (;;) {
                if (i == n) {
                    done.done();
                    return null;
                }
                trace.append(c);
                i++;
                label = 1;
                if (Jgo.gosched(this) == SUSPENDED) {
                    return SUSPENDED;
                }
            }
        }
    }

    /**
     * Ping-pong with two partners over unbuffered channels, until {@code stop}: sends to each
     * worker, then receives each one's answer. Each hand-off readies the partner into runnext,
     * and readying the second worker pushes the first into the ring, so on one P the local queue
     * is never empty when the P looks for work, while every third goroutine or so starts a fresh
     * time slice, a schedtick. (With a lone pair, every hand-off inherits the slice and schedtick
     * moves only when the monitor expires it, about every 10 ms.) Neither leader nor workers
     * check for preemption: the monitor's requests to yield are never honoured.
     */
    static final class FanOut extends Frame<Void> {
        final Chan<Integer> toX;
        final Chan<Integer> toY;
        final Chan<Integer> fromX;
        final Chan<Integer> fromY;
        final AtomicBoolean stop;
        final CountDownLatch going;
        long rounds;

        FanOut(Chan<Integer> toX, Chan<Integer> toY, Chan<Integer> fromX, Chan<Integer> fromY, AtomicBoolean stop,
                CountDownLatch going) {
            this.toX = toX;
            this.toY = toY;
            this.fromX = fromX;
            this.fromY = fromY;
            this.stop = stop;
            this.going = going;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            for (;;) {
                if (error != null) {
                    throw error;
                }
                switch (label) {
                    case 0:
                        if (stop.get()) {
                            toX.close(); // both workers wait to receive: they end
                            toY.close();
                            return null;
                        }
                        label = 1;
                        if (toX.send(1, this) == SUSPENDED) {
                            return SUSPENDED;
                        }
                        continue;
                    case 1:
                        label = 2;
                        if (toY.send(2, this) == SUSPENDED) {
                            return SUSPENDED;
                        }
                        continue;
                    case 2:
                        label = 3;
                        value = fromX.recv(this);
                        if (value == SUSPENDED) {
                            return SUSPENDED;
                        }
                        continue;
                    case 3:
                        label = 4;
                        value = fromY.recv(this);
                        if (value == SUSPENDED) {
                            return SUSPENDED;
                        }
                        continue;
                    case 4:
                        if (++rounds == 1_000) {
                            going.countDown();
                        }
                        label = 0;
                        continue;
                    default:
                        throw new IllegalStateException("bad label " + label);
                }
            }
        }
    }

    /** A worker of {@link FanOut}: receives from {@code in} and answers on {@code out} until {@code in} closes. */
    static final class Echo extends Frame<Void> {
        final Chan<Integer> in;
        final Chan<Integer> out;
        final CountDownLatch ended;

        Echo(Chan<Integer> in, Chan<Integer> out, CountDownLatch ended) {
            this.in = in;
            this.out = out;
            this.ended = ended;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            for (;;) {
                if (error != null) {
                    throw error;
                }
                switch (label) {
                    case 0:
                        label = 1;
                        value = in.recv(this);
                        if (value == SUSPENDED) {
                            return SUSPENDED;
                        }
                        continue;
                    case 1:
                        if (value == null) { // closed
                            ended.countDown();
                            return null;
                        }
                        label = 0;
                        if (out.send((Integer) value, this) == SUSPENDED) {
                            return SUSPENDED;
                        }
                        continue;
                    default:
                        throw new IllegalStateException("bad label " + label);
                }
            }
        }
    }

    /**
     * Go's schedule() takes from the global queue every 61st schedtick even when the local queue
     * is never empty: a goroutine spawned from a plain thread (global queue) runs on one P while
     * a fan-out ping-pong keeps the local queue busy. The monitor can also get it run, by
     * retaking the P from a carrier the OS descheduled for 20 ms (frequent on a loaded machine),
     * and a retake may leave the ping-pong's goroutines in the global queue, where the P finds
     * them, and the one behind them, when its local queue runs dry. So an attempt counts only if
     * no retake happened since the ping-pong started; without the rule, none ever does.
     */
    @RepeatedTest(5)
    @Timeout(60)
    void aGoroutineInTheGlobalQueueRunsWhileTheLocalQueueIsNeverEmpty() throws Exception {
        try (Procs ignored = new Procs(1)) {
            Sched sched = TestSched.defaultSched();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int attempts = 0;
            boolean clean = false;
            while (!clean && System.nanoTime() - deadline < 0) {
                attempts++;
                long before = sched.retakes();
                Chan<Integer> toX = Chan.make();
                Chan<Integer> toY = Chan.make();
                Chan<Integer> fromX = Chan.make();
                Chan<Integer> fromY = Chan.make();
                AtomicBoolean stop = new AtomicBoolean();
                CountDownLatch going = new CountDownLatch(1);
                CountDownLatch ended = new CountDownLatch(2);
                Jgo.go(new FanOut(toX, toY, fromX, fromY, stop, going));
                Jgo.go(new Echo(toX, fromX, ended));
                Jgo.go(new Echo(toY, fromY, ended));
                try {
                    assertTrue(going.await(20, TimeUnit.SECONDS), TestFrames.diagnostics());
                    AtomicLong retakesWhenRan = new AtomicLong();
                    CountDownLatch ran = new CountDownLatch(1);
                    Jgo.go(new Leaf(() -> { // from a plain thread: the global queue
                        retakesWhenRan.set(sched.retakes());
                        ran.countDown();
                    }));
                    assertTrue(ran.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS),
                            "the goroutine in the global queue never ran\n" + TestFrames.diagnostics());
                    clean = retakesWhenRan.get() == before;
                } finally {
                    stop.set(true);
                }
                assertTrue(ended.await(20, TimeUnit.SECONDS), TestFrames.diagnostics());
            }
            assertTrue(clean, "in " + attempts + " attempts, the goroutine in the global queue only ran"
                    + " after the monitor retook the P");
        }
    }

    @Test
    @Timeout(10)
    void goschedAndGoexitOnAPlainThreadBehaveLikeAThread() {
        Jgo.gosched(); // Thread.yield(): returns
        assertThrows(Goexit.class, Jgo::goexit);
    }

    /** Goexit runs the frame's finally and ends the goroutine without a panic. */
    @RepeatedTest(5)
    @Timeout(20)
    void goexitRunsFinallyAndEndsQuietly() {
        AtomicInteger finallyRan = new AtomicInteger();
        AtomicInteger afterGoexit = new AtomicInteger();
        AtomicInteger panics = new AtomicInteger();
        io.jgo.PanicHandler old = Jgo.setPanicHandler((id, e) -> panics.incrementAndGet());
        try {
            Countdown done = new Countdown(1);
            Jgo.run(new StartThenAwait<>(() -> Jgo.go(new Frame<Void>() {
                @Override
                protected Object resume(Object value, Throwable error) {
                    try {
                        Jgo.goexit(this);
                        afterGoexit.incrementAndGet();
                        return null;
                    } finally {
                        finallyRan.incrementAndGet();
                        done.done();
                    }
                }
            }), done.gate, () -> null));
        } finally {
            Jgo.setPanicHandler(old);
        }
        assertEquals(1, finallyRan.get());
        assertEquals(0, afterGoexit.get());
        assertEquals(0, panics.get());
    }

    @Test
    @Timeout(20)
    void aMainGoroutineThatCallsGoexitMakesRunFailClearly() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Jgo.run(new Frame<Integer>() {
                    @Override
                    protected Object resume(Object value, Throwable error) {
                        return Jgo.goexit(this);
                    }
                }));
        assertTrue(e.getMessage().contains("goexit"), e.getMessage());
    }

    @Test
    @Timeout(10)
    void gomaxprocsReturnsThePreviousValueAndRejectsBadConfiguration() {
        int start = Jgo.gomaxprocs(0);
        assertTrue(start >= 1);
        assertEquals(start, Jgo.gomaxprocs(3));
        assertEquals(3, Jgo.gomaxprocs(-1));
        assertEquals(3, Jgo.gomaxprocs(start));
        assertEquals(start, Jgo.gomaxprocs(0));

        String old = System.getProperty("jgo.gomaxprocs");
        try {
            System.setProperty("jgo.gomaxprocs", "4");
            assertEquals(4, Sched.configuredProcs());
            System.setProperty("jgo.gomaxprocs", "zero");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    Sched::configuredProcs);
            assertTrue(e.getMessage().contains("jgo.gomaxprocs"), e.getMessage());
            assertTrue(e.getMessage().contains("positive integer"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty("jgo.gomaxprocs");
            } else {
                System.setProperty("jgo.gomaxprocs", old);
            }
        }
    }

    /**
     * Regression: an M spinning on a P that GOMAXPROCS then retired parked still counted as
     * spinning, so every later wakep() believed someone was looking for work and the next
     * goroutine stayed runnable forever (found by the sample app's GOMAXPROCS=1 chapters).
     */
    @RepeatedTest(3)
    @Timeout(120)
    void aGoroutineStartedRightAfterGomaxprocsShrinksStillRuns() throws Exception {
        int old = Jgo.gomaxprocs(0);
        try {
            for (int i = 0; i < 2_000; i++) {
                Jgo.gomaxprocs(i % 2 + 1);
                CountDownLatch ran = new CountDownLatch(10);
                Jgo.start(new Leaf(() -> {
                    for (int k = 0; k < 10; k++) {
                        Jgo.go(new Leaf(ran::countDown)); // wakes spinners
                    }
                }));
                assertTrue(ran.await(20, TimeUnit.SECONDS), "iteration " + i + ": goroutines never ran\n" + Jgo.dump());
            }
        } finally {
            Jgo.gomaxprocs(old);
        }
    }

    /** Work keeps flowing while GOMAXPROCS changes under it. */
    @RepeatedTest(3)
    @Timeout(60)
    void gomaxprocsCanChangeWhileGoroutinesRun() throws Exception {
        int old = Jgo.gomaxprocs(0);
        try {
            int n = 50_000;
            CountDownLatch all = new CountDownLatch(n);
            Thread spawner = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    Jgo.go(new Leaf(all::countDown));
                }
            });
            spawner.start();
            for (int k = 0; k < 20; k++) {
                Jgo.gomaxprocs(1 + k % 3);
            }
            spawner.join();
            assertTrue(all.await(30, TimeUnit.SECONDS), "goroutines left: " + all.getCount());
        } finally {
            Jgo.gomaxprocs(old);
        }
    }

    @Test
    void aTaskThatIsNotAGeneratedFrameIsRejectedWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Jgo.go(new io.jgo.Task<Object>() { }));
        assertTrue(e.getMessage().contains("generated entry point"), e.getMessage());
    }

    @Test
    @Timeout(10)
    void aFrameStartsOnce() {
        Leaf leaf = new Leaf(() -> { });
        Jgo.go(leaf);
        assertThrows(IllegalStateException.class, () -> Jgo.go(leaf));
    }

    @Test
    @Timeout(20)
    void carrierThreadsHaveReadableNames() throws Exception {
        String name = Jgo.start(new Frame<String>() {
            @Override
            protected Object resume(Object value, Throwable error) {
                return Thread.currentThread().getName();
            }
        }).get(10, TimeUnit.SECONDS);
        assertTrue(name.matches("jgo-m\\d+"), name);
    }

    static String ids(List<Long> xs) {
        return xs.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static final AtomicLong UNUSED = new AtomicLong();

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }
}
