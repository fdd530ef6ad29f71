package io.jgo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.DumpFormat;
import io.jgo.GoRuntime;
import io.jgo.Jgo;
import io.jgo.RuntimeAccess;
import io.jgo.internal.TestFrames.Gate;
import io.jgo.runtime.Frame;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Dumps: wait lengths, labels, creation records, running goroutines' carrier stacks, the grouped form. */
class DumpTest {

    /** A goroutine that parks on {@code gate} once, recording its id and labels first. */
    static final class Waiter extends Frame<Void> {
        final Gate gate;
        final CountDownLatch parked;
        final AtomicLong id;
        final AtomicReference<Map<String, String>> labels;
        final String ownLabel;

        Waiter(Gate gate, CountDownLatch parked, AtomicLong id, AtomicReference<Map<String, String>> labels,
                String ownLabel) {
            this.gate = gate;
            this.parked = parked;
            this.id = id;
            this.labels = labels;
            this.ownLabel = ownLabel;
        }

        @Override
        protected Object resume(Object value, Throwable error) {
            if (label == 0) {
                if (id != null) {
                    id.set(Frames.goroutineOf(this).id());
                }
                if (labels != null) {
                    labels.set(Jgo.labels());
                }
                if (ownLabel != null) {
                    Jgo.setLabel("worker", ownLabel);
                }
                label = 1;
                Object r = gate.await(this);
                parked.countDown();
                return r;
            }
            return null;
        }

        @Override
        public StackTraceElement location() {
            return new StackTraceElement("example.Worker", "loop", "Worker.java", 20 + label);
        }
    }

    /** Sets a label, spawns {@code n} waiters, then parks on {@code hold} until the test opens it. */
    static final class Spawner extends Frame<Void> {
        final int n;
        final Gate gate;
        final Gate hold;
        final CountDownLatch parked;
        final AtomicLong mainId = new AtomicLong();
        final AtomicLong firstChild = new AtomicLong();
        final AtomicReference<Map<String, String>> childLabels = new AtomicReference<>();
        final AtomicReference<Map<String, String>> ownLabelsAfter = new AtomicReference<>();

        Spawner(int n, Gate gate, Gate hold, CountDownLatch parked) {
            this.n = n;
            this.gate = gate;
            this.hold = hold;
            this.parked = parked;
        }

        @Override
        protected Object resume(Object value, Throwable error) {
            if (label == 0) {
                mainId.set(Frames.goroutineOf(this).id());
                Jgo.setLabel("request", "42");
                for (int i = 0; i < n; i++) {
                    Jgo.go(i == 0 ? new Waiter(gate, parked, firstChild, childLabels, "1")
                            : new Waiter(gate, parked, null, null, null));
                }
                ownLabelsAfter.set(Jgo.labels());
                label = 1;
                Object r = hold.await(this);
                parked.countDown();
                return r;
            }
            return null;
        }

        @Override
        public StackTraceElement location() {
            return new StackTraceElement("example.Main", "main", "Main.java", 10 + label);
        }
    }

    @Test
    @Timeout(60)
    void entriesShowLabelsAndTheirCreator() throws Exception {
        try (GoRuntime rt = GoRuntime.builder().gomaxprocs(2).name("dump-labels").build()) {
            Gate gate = new Gate();
            Gate hold = new Gate();
            CountDownLatch parked = new CountDownLatch(3);
            Spawner main = new Spawner(2, gate, hold, parked);
            CompletableFuture<Void> done = rt.start(main);
            assertTrue(parked.await(20, TimeUnit.SECONDS));
            String dump = rt.dump();
            long child = main.firstChild.get();
            // the child inherited request=42 and added worker=1 for itself only
            assertEquals(Map.of("request", "42"), main.childLabels.get());
            assertEquals(Map.of("request", "42"), main.ownLabelsAfter.get());
            assertTrue(dump.contains("goroutine " + child + " [chan receive] {request=42, worker=1}:\n"
                    + "example.Worker.loop(...)\n\tWorker.java:21\n"
                    + "created by example.Main.main in goroutine " + main.mainId.get() + "\n\tMain.java:10\n"), dump);
            assertTrue(dump.contains("goroutine " + main.mainId.get() + " [chan receive] {request=42}:\n"
                    + "example.Main.main(...)\n\tMain.java:11\n\n"), "a run's main goroutine spawned from a plain thread has no creator\n" + dump);
            gate.open();
            hold.open();
            done.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(60)
    void labelsAreEmptyAndInertOnPlainThreads() {
        Jgo.setLabel("ignored", "yes");
        assertEquals(Map.of(), Jgo.labels());
    }

    @Test
    @Timeout(60)
    void aWaitOfAMinuteOrMoreShowsItsLengthInMinutes() throws Exception {
        try (GoRuntime rt = GoRuntime.builder().gomaxprocs(1).name("dump-wait").build()) {
            Sched s = RuntimeAccess.sched(rt);
            long before = s.nanoTime();
            Gate gate = new Gate();
            CountDownLatch parked = new CountDownLatch(1);
            AtomicLong id = new AtomicLong();
            CompletableFuture<Void> done = rt.start(new Waiter(gate, parked, id, null, null));
            assertTrue(parked.await(20, TimeUnit.SECONDS));
            G g = null;
            for (G x : s.registry.snapshot()) {
                if (x.id == id.get()) {
                    g = x;
                }
            }
            long since = g.waitSince();
            // the park time is the monitor's clock: never later than now, and lagging by a tick
            // at most (far less than the second allowed here), never by the idle time before
            assertTrue(since - before >= -1_000_000_000L && since <= s.nanoTime(), before + " " + since);
            StringBuilder sb = new StringBuilder();
            GoroutineDump.describe(g, sb, since + 59_000_000_000L, null);
            assertTrue(sb.toString().startsWith("goroutine " + id.get() + " [chan receive]:\n"), sb.toString());
            sb.setLength(0);
            GoroutineDump.describe(g, sb, since + 3 * 60_000_000_000L + 1, null);
            assertTrue(sb.toString().startsWith("goroutine " + id.get() + " [chan receive, 3 minutes]:\n"), sb.toString());
            gate.open();
            done.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(60)
    void aRunningGoroutineShowsItsCarriersStack() throws Exception {
        try (GoRuntime rt = GoRuntime.builder().gomaxprocs(1).name("dump-run").build()) {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicLong id = new AtomicLong();
            java.util.concurrent.atomic.AtomicReference<Thread> carrier = new java.util.concurrent.atomic.AtomicReference<>();
            CompletableFuture<Void> done = rt.start(new Frame<Void>() {
                @Override
                protected Object resume(Object value, Throwable error) throws Throwable {
                    id.set(Frames.goroutineOf(this).id());
                    carrier.set(Thread.currentThread());
                    running.countDown();
                    release.await(); // a plain blocking call on the carrier, on purpose
                    return null;
                }
            });
            assertTrue(running.await(20, TimeUnit.SECONDS));
            // The goroutine signalled from inside resume; wait until its carrier is parked in
            // release.await(), where the dump must find it (it may still be in countDown now).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (carrier.get().getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            String dump = rt.dump();
            release.countDown();
            done.get(20, TimeUnit.SECONDS);
            assertTrue(dump.contains("goroutine " + id.get() + " [running]:\n\t(running on carrier dump-run-m"), dump);
            assertTrue(dump.contains("java.util.concurrent.CountDownLatch.await("), dump);
            assertTrue(dump.contains("io.jgo.internal.DumpTest$1.resume(DumpTest.java:"),
                    "the goroutine's own Java frame is on the carrier's stack\n" + dump);
            assertFalse(dump.contains("Sched.schedule("), "the scheduler's loop below the goroutine is left out\n" + dump);
        }
    }

    @Test
    @Timeout(120)
    void tenThousandLeakedGoroutinesGroupIntoAFewLines() throws Exception {
        int n = 10_000;
        try (GoRuntime rt = GoRuntime.builder().gomaxprocs(2).name("dump-grouped").build()) {
            Gate gate = new Gate();
            Gate hold = new Gate();
            CountDownLatch parked = new CountDownLatch(n + 1);
            Spawner main = new Spawner(n, gate, hold, parked);
            CompletableFuture<Void> done = rt.start(main);
            assertTrue(parked.await(60, TimeUnit.SECONDS));
            String grouped = rt.dump(DumpFormat.GROUPED);
            String[] lines = grouped.split("\n");
            assertTrue(lines.length <= 16, grouped);
            assertTrue(grouped.startsWith("goroutine profile: total " + (n + 1) + "\n"), grouped);
            assertTrue(grouped.contains("\n" + (n - 1) + " goroutines [chan receive] {request=42}:\n"
                    + "example.Worker.loop(...)\n\tWorker.java:21\ncreated by example.Main.main\n\tMain.java:10\n"), grouped);
            assertTrue(grouped.contains("\n1 goroutine [chan receive] {request=42, worker=1}:\n"), grouped);
            assertFalse(grouped.contains("in goroutine"), "ids are left out of the grouped form\n" + grouped);
            gate.open();
            hold.open();
            done.get(60, TimeUnit.SECONDS);
        }
    }
}
