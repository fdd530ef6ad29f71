package io.jgo.it.soak;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import io.jgo.CancelContext;
import io.jgo.Chan;
import io.jgo.Cond;
import io.jgo.Context;
import io.jgo.Jgo;
import io.jgo.Mutex;
import io.jgo.Once;
import io.jgo.PanicHandler;
import io.jgo.RWMutex;
import io.jgo.Received;
import io.jgo.Semaphore;
import io.jgo.WaitGroup;
import io.jgo.WaitInterruptedException;
import io.jgo.GoRuntime;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The soak: every workload at once, round after round, for {@code jgo.soak.seconds} (60 s in the
 * default build, 600 s with {@code -Pstress}). Each round (5 s) runs channels (buffered and
 * unbuffered; send, select, range, recvOk, close), selects with default and with timers, timers
 * and tickers, Mutex, RWMutex, Once, WaitGroup, a Cond queue, a Semaphore, context trees with
 * cancels and deadlines, and goroutines started and ended continuously; GOMAXPROCS changes
 * between 1 and 4 every 1.5-2.5 s; and eight plain threads share those objects with the
 * goroutines while an interrupter interrupts them, mostly while they are blocked.
 *
 * <p>Invariants, with the check that enforces each:
 * <ul>
 *   <li>nothing lost or duplicated: every value sent on a channel or put into the queue is
 *       received exactly once, through interrupts too ({@link Ledger});
 *   <li>mutual exclusion: counters guarded by the locks match the increments, owners never
 *       overlap, readers never see a writer; each Once ran once; the semaphore never
 *       over-grants and is full again at the end;
 *   <li>timers never fire early; stop and reset follow Go 1.23; contexts end with the right
 *       error; every afterFunc either ran or was stopped;
 *   <li>interrupts follow semantics.md: interruptible waits throw WaitInterruptedException with
 *       the status kept and nothing done, locks never throw and come back with the status set,
 *       and no interrupt is swallowed ({@link PlainWorker});
 *   <li>no goroutine leaked: {@code Jgo.numGoroutine()} is back to its baseline after each round;
 *   <li>no stuck worker: each round must end within its length plus two minutes, else the test
 *       fails with a goroutine dump, the plain threads' stacks and the scheduler's counters;
 *   <li>memory flat: the heap after GC at the end is below 1.5 times the heap after the first
 *       round, plus 16 MB;
 *   <li>no thread spins while idle: with the workload quiesced, goroutines and plain threads
 *       parked on jgo objects (the uninterruptible ones interrupted first), the carriers, the
 *       monitor and the blocked threads use almost no CPU over a one-second window.
 * </ul>
 * The seed ({@code jgo.soak.seed}) fixes every random choice and is printed with any failure;
 * the timing, and so the interleavings, still differ from run to run.
 */
class SoakIT {
    static final long SECONDS = Long.getLong("jgo.soak.seconds", 60);
    static final long SEED = Long.getLong("jgo.soak.seed", 20_261_204L);
    static final long ROUND_MILLIS = Math.max(1_000, Math.min(5_000, SECONDS * 1_000 / 2));
    /** How long a round may take to wind down after its end before it counts as stuck. */
    static final long GRACE_MILLIS = 120_000;
    /** How long goroutines may take to exit after the round's main goroutine has returned. */
    static final long GOROUTINE_RETURN_MILLIS = 60_000;
    /**
     * CPU an idle thread group may use in the one-second window. A thread that spins uses a
     * whole core (hundreds of ms, even on a loaded 2-core host); a parked one uses nothing, and
     * a few wake-ups cost microseconds.
     */
    static final long IDLE_CPU_BOUND_NANOS = 50_000_000L;
    static final long HEAP_SLACK_BYTES = 16L << 20;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static volatile Round current;

    private final Counters counters = new Counters();
    private final long[][] outcomes = new long[PlainWorker.Op.values().length][3];
    private long delivered;
    private long deliveredWhileBlocked;
    private long observed;
    private long observedOutside;
    private long maxGoroutineReturnMillis;

    /**
     * A backstop only: every wait of the soak is bounded on its own (a stuck round fails after
     * its length plus two minutes, with a dump). This one also bounds what no wait covers.
     */
    @Test
    void soak() {
        assertTimeoutPreemptively(Duration.ofSeconds(2 * SECONDS + 1_200), this::soakBody);
    }

    private void soakBody() throws Exception {
        PanicHandler previous = Jgo.setPanicHandler((id, e) -> {
            Round r = current;
            String what = "goroutine " + id + " panicked: " + PlainWorker.stackTrace(e);
            if (r != null) {
                r.violation(what);
            } else {
                System.err.println("soak: outside a round, " + what);
            }
        });
        int procs0 = Jgo.gomaxprocs(0);
        try {
            run(procs0);
        } finally {
            Jgo.gomaxprocs(procs0);
            Jgo.setPanicHandler(previous);
        }
    }

    private void run(int procs0) throws Exception {
        System.out.printf("== jgo soak: %d s in rounds of %d ms, seed %d, JDK %s, %d CPUs, GOMAXPROCS %d at start%n",
                SECONDS, ROUND_MILLIS, SEED, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), procs0);
        int baseline = Jgo.numGoroutine();
        AtomicInteger procsSet = new AtomicInteger(procs0);
        long t0 = System.nanoTime();
        long end = t0 + TimeUnit.SECONDS.toNanos(SECONDS);
        long heapWarm = -1;
        int rounds = 0;
        while (rounds < 2 || System.nanoTime() - end < 0) {
            runRound(rounds, baseline, procsSet);
            if (rounds == 0) {
                heapWarm = heapAfterGc();
            }
            rounds++;
        }
        long soakNanos = System.nanoTime() - t0;

        int prev = Jgo.gomaxprocs(procs0);
        if (prev != procsSet.get()) {
            fail("GOMAXPROCS: gomaxprocs(" + procs0 + ") returned " + prev + ", the soak had set " + procsSet.get());
        }
        long[] idle = idleCheck(baseline);
        long heapEnd = heapAfterGc();
        long heapBound = heapWarm + heapWarm / 2 + HEAP_SLACK_BYTES;

        report(rounds, soakNanos, heapWarm, heapEnd, heapBound, idle);
        if (heapEnd > heapBound) {
            fail(String.format("memory grew: heap after GC %.1f MB at the end, %.1f MB after the first round (bound %.1f MB)%s",
                    mb(heapEnd), mb(heapWarm), mb(heapBound), rerun()));
        }
    }

    // ------------------------------------------------------------------ one round

    private void runRound(int index, int baseline, AtomicInteger procsSet) throws Exception {
        Round r = new Round(index, SEED + index, ROUND_MILLIS, counters, procsSet);
        current = r;
        // A GOMAXPROCS change from a plain thread, at each round's start (the procs goroutine
        // changes it from a goroutine during the round).
        int n = 1 + r.random(-2).nextInt(Round.MAX_PROCS);
        int expected = procsSet.getAndSet(n);
        int prev = Jgo.gomaxprocs(n);
        if (prev != expected) {
            r.violation("GOMAXPROCS: gomaxprocs(" + n + ") returned " + prev + ", the soak had set " + expected);
        }
        counters.add("gomaxprocs: changes from a plain thread", 1);

        List<PlainWorker> workers = List.of(
                new PlainWorker.ChanProducer(r, Round.CHAN_GO_PRODUCERS),
                new PlainWorker.ChanProducer(r, Round.CHAN_GO_PRODUCERS + 1),
                new PlainWorker.ChanConsumer(r, 0),
                new PlainWorker.ChanConsumer(r, 1),
                new PlainWorker.CondProducer(r, Round.COND_GO_PRODUCERS),
                new PlainWorker.CondConsumer(r),
                new PlainWorker.Locker(r),
                new PlainWorker.Waiter(r));
        PlainWorker.Interrupter interrupter = new PlainWorker.Interrupter(r, workers);
        CompletableFuture<Void> main = Jgo.start(SoakGo.round(r));
        for (PlainWorker w : workers) {
            w.thread.start();
        }
        interrupter.thread.start();

        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ROUND_MILLIS + GRACE_MILLIS);
        try {
            main.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            fail(stuck(r, "the round's main goroutine did not return within " + (ROUND_MILLIS + GRACE_MILLIS) + " ms", workers));
        } catch (ExecutionException e) {
            fail("round " + index + ": the main goroutine failed" + rerun() + "\n" + PlainWorker.stackTrace(e.getCause()));
        }
        for (PlainWorker w : workers) {
            w.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (w.thread.isAlive()) {
                fail(stuck(r, "plain thread " + w.thread.getName() + " did not end", workers));
            }
        }
        interrupter.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        if (interrupter.thread.isAlive()) {
            fail(stuck(r, "the interrupter did not end", workers));
        }

        verify(r, workers, interrupter);
        current = null;
        awaitGoroutines(baseline, "after round " + index + " (seed " + r.seed + ")");
    }

    /** The round's totals, after everything in it has ended. */
    private void verify(Round r, List<PlainWorker> workers, PlainWorker.Interrupter interrupter) {
        r.chanLedger.verify(r);
        r.condLedger.verify(r);
        Received<Long> last = r.buf.tryRecv();
        if (!r.unbuf.isClosed() || !r.buf.isClosed() || r.buf.len() != 0 || last == null || last.ok()) {
            r.violation("channels: not closed and drained at the round's end (buf len " + r.buf.len() + ")");
        }
        if (!r.queue.closed || !r.queue.items.isEmpty()) {
            r.violation("cond queue: " + r.queue.items.size() + " items left (closed: " + r.queue.closed + ")");
        }
        if (r.muCounter() != r.muIncrements.get()) {
            r.violation("Mutex: counter " + r.muCounter() + " after " + r.muIncrements.get() + " increments under the lock");
        }
        if (r.rwA() != r.rwWrites.get() || r.rwB() != r.rwWrites.get()) {
            r.violation("RWMutex: a=" + r.rwA() + ", b=" + r.rwB() + " after " + r.rwWrites.get() + " writes");
        }
        if (!r.mu.tryLock()) {
            r.violation("Mutex: still locked after the round");
        } else {
            r.mu.unlock();
        }
        if (!r.rw.tryLock()) {
            r.violation("RWMutex: still locked after the round");
        } else {
            r.rw.unlock();
        }
        r.verifyOnces();
        if (r.sem.held() != 0 || r.semInUse.get() != 0 || !r.sem.tryAcquire(Round.SEM_SIZE)) {
            r.violation("Semaphore: " + r.sem.held() + " units still held after the round (in use by the soak's count: "
                    + r.semInUse.get() + ")");
        } else {
            r.sem.release(Round.SEM_SIZE);
        }
        if (r.afterFuncs.count() != 0) {
            r.violation("afterFunc: " + r.afterFuncs.count() + " timers neither ran nor were stopped");
        }
        for (PlainWorker w : workers) {
            long d = w.delivered.get();
            if (d != w.observed) {
                r.violation(w.name + ": " + d + " interrupts delivered, " + w.observed
                        + " seen (an operation swallowed an interrupt, or reported one twice)");
            }
            delivered += d;
            observed += w.observed;
            observedOutside += w.observedOutside;
            for (int i = 0; i < outcomes.length; i++) {
                for (int j = 0; j < 3; j++) {
                    outcomes[i][j] += w.outcomes[i][j];
                }
            }
        }
        deliveredWhileBlocked += interrupter.whileBlocked;
        counters.add("chan: values moved (ledger)", r.chanLedger.totalSent());
        counters.add("cond: values moved (ledger)", r.condLedger.totalSent());
        counters.add("goroutines: afterFunc tasks run", r.afterFuncsRan.get());
        counters.add("rounds", 1);
        if (r.violationCount() > 0) {
            StringBuilder sb = new StringBuilder("round " + r.index + ": " + r.violationCount() + " invariant violations"
                    + rerun() + " (round seed " + r.seed + ")");
            for (String v : r.violations()) {
                sb.append("\n  - ").append(v);
            }
            fail(sb.toString());
        }
    }

    /** Waits (bounded) until the goroutine count is back to the baseline. */
    private void awaitGoroutines(int baseline, String when) {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(GOROUTINE_RETURN_MILLIS);
        int n;
        // numGoroutine has no notification: poll it, 1 ms apart, until it is back or the bound
        // has passed (goroutines that called done() may still be on their way out).
        while ((n = Jgo.numGoroutine()) != baseline) {
            if (System.nanoTime() - deadline > 0) {
                fail("goroutines leaked " + when + ": " + n + " alive, baseline " + baseline + rerun()
                        + "\n" + Jgo.dump() + "\n" + GoRuntime.defaultRuntime().schedTrace());
            }
            LockSupport.parkNanos(1_000_000);
        }
        maxGoroutineReturnMillis = Math.max(maxGoroutineReturnMillis, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    private static String stuck(Round r, String what, List<PlainWorker> workers) {
        StringBuilder sb = new StringBuilder("round " + r.index + " stuck: " + what + rerun() + " (round seed " + r.seed + ")");
        sb.append("\nviolations so far: ").append(r.violationCount());
        for (String v : r.violations()) {
            sb.append("\n  - ").append(v);
        }
        sb.append("\n\ngoroutines:\n").append(Jgo.dump());
        sb.append("\nplain threads:");
        for (PlainWorker w : workers) {
            sb.append("\n").append(w.thread.getName()).append(" ").append(w.thread.getState());
            for (StackTraceElement e : w.thread.getStackTrace()) {
                sb.append("\n\tat ").append(e);
            }
        }
        sb.append("\n\nscheduler: ").append(GoRuntime.defaultRuntime().schedTrace());
        return sb.toString();
    }

    private static String rerun() {
        return " [soak seed " + SEED + ": rerun with -Djgo.soak.seed=" + SEED + " -Djgo.soak.seconds=" + SECONDS + "]";
    }

    // ------------------------------------------------------------------ idle: no thread spins

    /** A plain thread blocked in one jgo operation, and how that ended. */
    private static final class Blocked {
        final String what;
        final Thread thread;
        final CompletableFuture<String> outcome = new CompletableFuture<>();

        Blocked(String what, Callable<Object> op) {
            this.what = what;
            this.thread = new Thread(() -> {
                String result;
                try {
                    op.call();
                    result = "returned";
                } catch (WaitInterruptedException e) {
                    result = "threw WaitInterruptedException";
                } catch (Throwable e) {
                    result = "threw " + e;
                }
                outcome.complete(result + (Thread.currentThread().isInterrupted() ? ", status set" : ""));
            }, "soak-idle-" + what);
            this.thread.setDaemon(true);
            this.thread.start();
        }

        boolean parked() {
            Thread.State s = thread.getState();
            return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
        }
    }

    /**
     * With the workload quiesced, parks goroutines (on a channel and a one-hour timer) and plain
     * threads on every kind of jgo object, interrupts the threads in uninterruptible waits (they
     * stay blocked), and measures over one second the CPU used by the carriers, the monitor and
     * the blocked threads. Then releases everything and checks how each wait ended. Returns
     * {carrier CPU ns, monitor CPU ns, blocked threads' CPU ns, number of carriers, number of
     * blocked threads}.
     */
    private long[] idleCheck(int baseline) throws Exception {
        Chan<Long> quietRecv = Chan.make();
        Chan<Long> quietSend = Chan.make();
        Chan<Long> quietGo = Chan.make();
        Mutex held = new Mutex();
        held.lock();
        RWMutex rwHeld = new RWMutex();
        rwHeld.lock();
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        Mutex condMu = new Mutex();
        Cond cond = new Cond(condMu);
        Semaphore sem = new Semaphore(1);
        sem.acquire(1);
        CancelContext ctx = Context.withCancel(Context.background());
        Once once = new Once();
        CountDownLatch onceGate = new CountDownLatch(1);
        for (int i = 0; i < 4; i++) {
            Jgo.go(SoakTasksGo.idle(quietGo));
        }

        List<Blocked> blocked = new ArrayList<>();
        Blocked onceRunner = new Blocked("Once.run (running f)", () -> {
            once.run(() -> {
                boolean interrupted = false;
                while (true) {
                    try {
                        onceGate.await();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            });
            return null;
        });
        blocked.add(onceRunner);
        awaitState("the Once runner parked", onceRunner::parked);
        blocked.add(new Blocked("recv", quietRecv::recv));
        blocked.add(new Blocked("send", () -> {
            quietSend.send(1L);
            return null;
        }));
        blocked.add(new Blocked("select", () -> Jgo.select(quietRecv.onRecv(), Jgo.after(Duration.ofHours(1)).onRecv())));
        blocked.add(new Blocked("WaitGroup.await", () -> {
            wg.await();
            return null;
        }));
        blocked.add(new Blocked("Cond.await", () -> {
            condMu.lock();
            try {
                cond.await();
            } finally {
                condMu.unlock();
            }
            return null;
        }));
        blocked.add(new Blocked("Semaphore.acquire", () -> {
            sem.acquire(1);
            sem.release(1);
            return null;
        }));
        Blocked sleeper = new Blocked("sleep", () -> {
            Jgo.sleep(Duration.ofHours(1));
            return null;
        });
        blocked.add(sleeper);
        blocked.add(new Blocked("ctx.done", () -> ctx.done().recv()));
        List<Blocked> uninterruptible = List.of(
                new Blocked("Mutex.lock", () -> {
                    held.lock();
                    held.unlock();
                    return null;
                }),
                new Blocked("RWMutex.rLock", () -> {
                    rwHeld.rLock();
                    rwHeld.rUnlock();
                    return null;
                }),
                new Blocked("Once.run (waiting)", () -> {
                    once.run(() -> {
                        throw new AssertionError("Once ran its function twice");
                    });
                    return null;
                }));
        blocked.addAll(uninterruptible);
        awaitState("every idle thread parked", () -> blocked.stream().allMatch(Blocked::parked));
        // Interrupted while they wait uninterruptibly: they must stay parked, not spin.
        for (Blocked b : uninterruptible) {
            b.thread.interrupt();
        }
        awaitState("the interrupted threads parked again", () -> uninterruptible.stream().allMatch(Blocked::parked));
        awaitState("every carrier parked", () -> runtimeThreads(true).stream().allMatch(t ->
                t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING));

        List<Thread> carriers = runtimeThreads(true);
        List<Thread> monitor = runtimeThreads(false);
        List<Thread> blockedThreads = new ArrayList<>();
        for (Blocked b : blocked) {
            blockedThreads.add(b.thread);
        }
        long c0 = cpu(carriers);
        long m0 = cpu(monitor);
        long b0 = cpu(blockedThreads);
        if (!THREADS.isThreadCpuTimeSupported() || !THREADS.isThreadCpuTimeEnabled() || c0 <= 0) {
            // The carriers ran the whole soak: a zero means the JVM does not measure thread CPU
            // time, and the check below would pass without measuring anything.
            fail("idle check: thread CPU time is not measured on this JVM (carriers' CPU so far: " + c0 + " ns)");
        }
        // The measurement window (not a wait for an event): one second of wall time.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (long rest; (rest = until - System.nanoTime()) > 0;) {
            LockSupport.parkNanos(rest);
        }
        long carrierCpu = cpu(carriers) - c0;
        long monitorCpu = cpu(monitor) - m0;
        long blockedCpu = cpu(blockedThreads) - b0;
        List<String> stillBlocked = new ArrayList<>();
        for (Blocked b : blocked) {
            if (b.outcome.isDone()) {
                stillBlocked.add(b.what + " ended while it should wait: " + b.outcome.join());
            }
        }

        // Release every wait, each the ordinary way (the sleep by an interrupt).
        quietRecv.close();
        Long sent = quietSend.recv();
        held.unlock();
        rwHeld.unlock();
        wg.done();
        condMu.lock();
        cond.signal();
        condMu.unlock();
        sem.release(1);
        sleeper.thread.interrupt();
        ctx.cancel();
        onceGate.countDown();
        quietGo.close();
        StringBuilder outcomes = new StringBuilder();
        for (Blocked b : blocked) {
            String o;
            try {
                o = b.outcome.get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                o = "still blocked 30 s after its release";
            }
            String want = b == sleeper ? "threw WaitInterruptedException, status set"
                    : uninterruptible.contains(b) ? "returned, status set" : "returned";
            if (!o.equals(want)) {
                stillBlocked.add(b.what + ": " + o + " (expected: " + want + ")");
            }
            outcomes.append(String.format("%n    %-22s %s", b.what, o));
        }
        if (sent == null || sent != 1L) {
            stillBlocked.add("send: the value received was " + sent);
        }
        System.out.println("  idle check, how each parked plain thread ended:" + outcomes);
        if (!stillBlocked.isEmpty()) {
            fail("idle check: " + String.join("\n", stillBlocked) + rerun());
        }
        awaitGoroutines(baseline, "after the idle check");
        if (carrierCpu + blockedCpu > IDLE_CPU_BOUND_NANOS || monitorCpu > IDLE_CPU_BOUND_NANOS) {
            fail(String.format("threads spin while idle: in 1 s the %d carriers used %.1f ms of CPU, the monitor %.1f ms,"
                    + " the %d parked plain threads %.1f ms (bound %d ms)%s", carriers.size(), carrierCpu / 1e6,
                    monitorCpu / 1e6, blockedThreads.size(), blockedCpu / 1e6, IDLE_CPU_BOUND_NANOS / 1_000_000, rerun()));
        }
        return new long[] {carrierCpu, monitorCpu, blockedCpu, carriers.size(), blockedThreads.size()};
    }

    /** Polls a thread-state condition, 1 ms apart, for at most 30 s (thread states have no notification). */
    private static void awaitState(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("idle check: not reached within 30 s: " + what + "\n" + Jgo.dump() + "\n" + GoRuntime.defaultRuntime().schedTrace());
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** The carriers ({@code jgo-m*}) or the monitor ({@code jgo-sysmon}). */
    private static List<Thread> runtimeThreads(boolean carriers) {
        List<Thread> ts = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (carriers ? t.getName().startsWith("jgo-m") : t.getName().equals("jgo-sysmon")) {
                ts.add(t);
            }
        }
        return ts;
    }

    private static long cpu(List<Thread> ts) {
        long sum = 0;
        for (Thread t : ts) {
            long c = THREADS.getThreadCpuTime(t.getId());
            if (c > 0) {
                sum += c;
            }
        }
        return sum;
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    // ------------------------------------------------------------------ figures

    private void report(int rounds, long soakNanos, long heapWarm, long heapEnd, long heapBound, long[] idle) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("== jgo soak figures: %d rounds in %.1f s, seed %d, JDK %s%n", rounds, soakNanos / 1e9, SEED,
                System.getProperty("java.version")));
        long goroutines = 0;
        for (Map.Entry<String, Long> e : counters.snapshot().entrySet()) {
            sb.append(String.format("  %-66s %,14d%n", e.getKey(), e.getValue()));
            if (e.getKey().startsWith("goroutines:")) {
                goroutines += e.getValue();
            }
        }
        sb.append(String.format("  %-66s %,14d%n", "goroutines: created in all", goroutines));
        sb.append(String.format("  %-66s %,14d%n", "values moved in all (channels + cond queue)",
                counters.get("chan: values moved (ledger)") + counters.get("cond: values moved (ledger)")));
        sb.append(String.format("  interrupts delivered to plain threads: %,d (%,d while blocked), seen: %,d (%,d outside an operation)%n",
                delivered, deliveredWhileBlocked, observed, observedOutside));
        sb.append(String.format("    %-34s %12s %14s %14s%n", "operation (plain threads)", "no interrupt", "interrupted:", "interrupted:"));
        sb.append(String.format("    %-34s %12s %14s %14s%n", "", "", "threw WIE", "completed"));
        for (PlainWorker.Op op : PlainWorker.Op.values()) {
            long[] o = outcomes[op.ordinal()];
            sb.append(String.format("    %-34s %,12d %,14d %,14d%n", op.label + (op.interruptible ? "" : " *"),
                    o[PlainWorker.QUIET], o[PlainWorker.THREW], o[PlainWorker.COMPLETED_INTERRUPTED]));
        }
        sb.append("    (* uninterruptible: returns holding the lock, status set again)\n");
        sb.append(String.format("  goroutines back to the baseline within %d ms after each round (at most)%n", maxGoroutineReturnMillis));
        sb.append(String.format("  heap after GC: %.1f MB after the first round, %.1f MB at the end (bound %.1f MB)%n",
                mb(heapWarm), mb(heapEnd), mb(heapBound)));
        sb.append(String.format("  idle CPU in 1 s: %d carriers %.2f ms, monitor %.2f ms, %d parked plain threads %.2f ms%n",
                idle[3], idle[0] / 1e6, idle[1] / 1e6, idle[4], idle[2] / 1e6));
        System.out.print(sb);
    }
}
