package io.jgo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.Jgo;
import io.jgo.internal.TestFrames.Countdown;
import io.jgo.internal.TestFrames.Leaf;
import io.jgo.internal.TestFrames.StartThenAwait;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/** An idle runtime parks every thread and uses no CPU (no timer thread, no polling). */
class IdleTest {

    @RepeatedTest(3)
    @Timeout(60)
    void anIdleRuntimeParksEveryThreadAndUsesNoCpu() throws Exception {
        // Make some work first so that Ms exist and have spun.
        Countdown done = new Countdown(10_000);
        TestFrames.runOrDiagnose(new StartThenAwait<>(() -> {
            for (int i = 0; i < 10_000; i++) {
                Jgo.go(new Leaf(done::done));
            }
        }, done.gate, () -> null), 30);
        assertTrue(TestSched.ofDefault().awaitIdle(20_000), "the runtime did not go idle\n" + TestFrames.diagnostics());

        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<Thread> runtime = runtimeThreads();
        assertTrue(runtime.size() >= 2, "expected carriers and the monitor: " + runtime);
        List<Thread> carriers = new ArrayList<>();
        for (Thread t : runtime) {
            if (t.getName().startsWith("jgo-m")) {
                carriers.add(t);
            }
        }
        long checks0 = TestSched.ofDefault().provedChecks();
        long cpu0 = cpu(mx, runtime);
        long carriers0 = cpu(mx, carriers);
        // The measurement window (not a wait for an event): 300 ms of wall time.
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        for (long rest; (rest = until - System.nanoTime()) > 0;) {
            LockSupport.parkNanos(rest);
        }
        long cpu1 = cpu(mx, runtime);
        long carriers1 = cpu(mx, carriers);
        boolean deadlockProof = TestSched.ofDefault().provedChecks() != checks0;
        // A thread woken once (e.g. the monitor backing off) costs tens of microseconds; a
        // polling loop would cost milliseconds here. The one legitimate cost: a Jgo.run of an
        // earlier test of this JVM that still waits (on something the deadlock check cannot see
        // through) makes the monitor run its GC proof now and then (every 10 s at most, backing
        // off); that proof runs on the monitor, so then only the carriers are held to the bound.
        long usedMicros = ((deadlockProof ? carriers1 - carriers0 : cpu1 - cpu0)) / 1_000;
        assertTrue(usedMicros < 5_000, "idle runtime threads used " + usedMicros + " us of CPU in 300 ms"
                + (deadlockProof ? " (carriers only: a deadlock proof ran on the monitor)" : ""));
        // With no more carriers than GOMAXPROCS, each parks with no deadline. While there are
        // more (left by blocking sections), each parks once until the keep-alive ends, then the
        // surplus exits and the others park with no deadline: one timed park each, not polling
        // (the CPU bound above holds either way).
        int procs = Jgo.gomaxprocs(0);
        for (Thread t : carriers) {
            Thread.State st = t.getState();
            if (t.isAlive() && !(st == Thread.State.TIMED_WAITING && carriers.size() > procs)) {
                assertEquals(Thread.State.WAITING, st, t.getName() + " is not parked (" + carriers.size()
                        + " carriers, GOMAXPROCS " + procs + ")");
            }
        }
    }

    private static List<Thread> runtimeThreads() {
        List<Thread> ts = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("jgo-m") || t.getName().equals("jgo-sysmon")) {
                ts.add(t);
            }
        }
        return ts;
    }

    private static long cpu(ThreadMXBean mx, List<Thread> ts) {
        long sum = 0;
        for (Thread t : ts) {
            long c = mx.getThreadCpuTime(t.getId());
            if (c > 0) {
                sum += c;
            }
        }
        return sum;
    }
}
