package io.jgo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Every workload at a tiny size on every Java-based system this JVM and build can run (platform
 * threads always; virtual threads on JDK 21+; jgo when its workloads were compiled with the
 * processor): each must compute the right answer and report every metric of its workload.
 */
@Timeout(60)
class SmokeTest {
    static final int REPEATS = 3;

    /** Tiny sizes: the test must stay fast. */
    static int tiny(Workload w) {
        switch (w) {
            case SKYNET: return 100;
            case SIEVE: return 30;
            case TIMERS: return 5;
            case PARKED: return 200;
            default: return Math.min(w.quickSize, 500);
        }
    }

    static List<String> availableSystems() {
        List<String> systems = new ArrayList<>(List.of(Systems.THREADS));
        if (Runtime.version().feature() >= 21) {
            systems.add(Systems.VTHREADS);
        }
        if (Systems.jgoCompiled()) {
            systems.add(Systems.JGO);
        }
        return systems;
    }

    @TestFactory
    Stream<DynamicTest> everyWorkloadComputesTheRightAnswerOnEverySystem() {
        return availableSystems().stream().flatMap(system -> Stream.of(Workload.values()).map(w ->
                DynamicTest.dynamicTest(system + " " + w.id, () -> {
                    Workloads impl = Systems.load(system);
                    int n = tiny(w);
                    List<String> lines = new ArrayList<>();
                    for (int rep = 0; rep < REPEATS; rep++) { // concurrency: run it more than once
                        lines.clear();
                        BenchMain.run(impl, w, n, lines::add); // throws CheckFailed on a wrong answer
                    }
                    assertEquals(w.metrics.size(), lines.size(), lines.toString());
                    for (int i = 0; i < lines.size(); i++) {
                        Sample s = Sample.parse(lines.get(i), 1, system, "");
                        assertEquals(w.metrics.get(i).name(), s.metric());
                        assertEquals(w.metrics.get(i).unit(), s.unit());
                        assertEquals(n, s.n());
                        assertFalse(Double.isNaN(s.value()) || Double.isInfinite(s.value()), lines.get(i));
                    }
                })));
    }

    @Test
    void theExpectedAnswersAreRight() {
        assertEquals(499_999_500_000L, Workload.SKYNET.expected(1_000_000));
        assertEquals(48_611, Workload.SIEVE.expected(5_000));
        assertEquals(2, Workload.SIEVE.expected(1));
        assertEquals(1_000_000, Workload.TIMERS.expected(10_000));
        assertEquals(2_000_000, Workload.MUTEX_CONTENDED.expected(2_000_001));
    }

    @Test
    void everyWorkloadWarmsUpTheParkedOneAtAHundredthOfItsSize() {
        assertEquals(100_000, Workload.SKYNET.warmupSize(1_000_000));
        assertEquals(10_000, Workload.PARKED.warmupSize(1_000_000));
        assertEquals(100, Workload.PARKED.warmupSize(10_000)); // platform threads
        assertEquals(1, Workload.PARKED.warmupSize(50));
    }

    @Test
    void everyWarmUpDoesHalfTheMeasuredWorkInAll() {
        for (Workload w : Workload.values()) {
            assertEquals(w.fullSize / 2, w.warmupSize(w.fullSize) * w.warmupRounds(), w.id);
        }
        assertEquals(50, Workload.PARKED.warmupRounds());
    }

    /**
     * The JIT's compilation time as the warm-up sees it (one reading before and one after each
     * run): it grows during run {@code k} if {@code busy.test(k)}, and stays put otherwise.
     */
    private static LongSupplier jit(IntPredicate busy) {
        int[] reads = {0};
        long[] total = {0};
        return () -> {
            int i = reads[0]++;
            if (i % 2 == 1 && busy.test(i / 2)) {
                total[0] += 10;
            }
            return total[0];
        };
    }

    /** A clock that advances {@code step} nanoseconds at each reading. */
    private static LongSupplier clock(long step) {
        long[] now = {0};
        return () -> now[0] += step;
    }

    @Test
    void theWarmUpGoesOnUntilTheJitIsQuiet() throws Exception {
        Workloads impl = Systems.load(Systems.THREADS);
        Workload w = Workload.MUTEX_UNCONTENDED;
        LongSupplier slow = clock(100_000_000L); // 100 ms a reading: two runs last 200 ms
        assertEquals(5, BenchMain.warmUp(impl, w, 10, 5, jit(k -> false), slow), "quiet from the start: the minimum");
        assertEquals(5, BenchMain.warmUp(impl, w, 10, 5, jit(k -> k < 3), clock(100_000_000L)),
                "quiet for two runs within the minimum");
        assertEquals(12 + BenchMain.QUIET_RUNS, BenchMain.warmUp(impl, w, 10, 5, jit(k -> k < 12), clock(100_000_000L)),
                "busy for 12 runs: two quiet runs after them");
        assertEquals(7, BenchMain.warmUp(impl, w, 10, 3, jit(k -> k < 3 || k == 4), clock(100_000_000L)),
                "a busy run starts the quiet count again");
        assertEquals(BenchMain.MAX_WARMUP_RUNS, BenchMain.warmUp(impl, w, 10, 5, jit(k -> true), clock(1_000L)),
                "never quiet: capped by the number of runs");
        int timed = BenchMain.warmUp(impl, w, 10, 1, jit(k -> true), clock(1_000_000_000L));
        assertTrue(timed > 5 && timed < 20, "never quiet, a second a reading: capped by time after " + timed + " runs");
        int shortRuns = BenchMain.warmUp(impl, w, 10, 5, jit(k -> false), clock(1_000_000L));
        assertTrue(shortRuns > 20 && shortRuns < BenchMain.MAX_WARMUP_RUNS,
                "quiet but 1 ms a reading: goes on until 200 ms were quiet, " + shortRuns + " runs");
        assertEquals(120, BenchMain.warmUp(impl, w, 10, 120, jit(k -> true), clock(1_000L)),
                "a minimum above the cap is still done");
        assertEquals(7, BenchMain.warmUp(impl, w, 10, 7, () -> -1), "no JIT figures: the minimum");
    }

    /** Records the size of every run it is asked for, and runs it on platform threads. */
    private static Workloads recording(List<Integer> sizes) throws Exception {
        Workloads threads = Systems.load(Systems.THREADS);
        return (Workloads) java.lang.reflect.Proxy.newProxyInstance(Workloads.class.getClassLoader(),
                new Class<?>[] {Workloads.class}, (proxy, m, args) -> {
                    sizes.add((Integer) args[0]);
                    return m.invoke(threads, args);
                });
    }

    @Test
    void theWarmUpEndsWithARehearsalAtTheMeasuredSizeThenWaitsForTheJitAgain() throws Exception {
        List<Integer> sizes = new java.util.ArrayList<>();
        String done = BenchMain.prepare(recording(sizes), Workload.MUTEX_UNCONTENDED, 1000, 10, 3,
                jit(k -> k == 3 || k == 4), clock(100_000_000L));
        // 3 quiet runs of 10; the rehearsal at 1000; then runs of 10 until two in a row are quiet
        // (the two after the rehearsal compile: JIT readings count per call, see jit())
        assertEquals(List.of(10, 10, 10, 1000, 10, 10, 10, 10), sizes.subList(0, 8), sizes.toString());
        assertEquals("3 runs of 10, a rehearsal at 1000, " + (sizes.size() - 4) + " more", done);

        sizes.clear();
        assertEquals("50 runs of 10", BenchMain.prepare(recording(sizes), Workload.PARKED, 1000, 10, 50,
                jit(k -> false), clock(100_000_000L)), "the parked workload does not rehearse");
        assertTrue(sizes.stream().allMatch(x -> x == 10), sizes.toString());

        sizes.clear();
        BenchMain.prepare(recording(sizes), Workload.MUTEX_UNCONTENDED, 1000, 10, 0, jit(k -> false), clock(100_000_000L));
        assertTrue(sizes.stream().allMatch(x -> x == 10), "no minimum, no rehearsal: " + sizes);
    }

    @Test
    void everyContenderIsToldTheWarmUpRounds() {
        for (Contender c : List.of(ReportTest.JGO, ReportTest.GO)) {
            List<String> cmd = c.command(Path.of("b.jar"), Workload.PARKED, 1_000_000, 10_000, 2, 0);
            int i = cmd.indexOf("--warmup-rounds");
            assertTrue(i > 0, cmd.toString());
            assertEquals("50", cmd.get(i + 1), cmd.toString());
            assertEquals("10000", cmd.get(cmd.indexOf("--warmup") + 1), cmd.toString());
        }
    }

    @Test
    void everyContenderIsPinnedAlikeWhereTasksetExists() {
        Assumptions.assumeTrue(Contender.TASKSET != null, "no taskset on this machine");
        for (Contender c : List.of(ReportTest.JGO, ReportTest.VT, ReportTest.GO,
                new Contender("threads-25", "platform threads", Systems.THREADS, Path.of("java")))) {
            List<String> cmd = c.command(Path.of("b.jar"), Workload.PINGPONG, 1_000, 0, 1, 0);
            assertEquals(List.of(Contender.TASKSET.toString(), "-c", "0"), cmd.subList(0, 3), cmd.toString());
            cmd = c.command(Path.of("b.jar"), Workload.PINGPONG, 1_000, 0, 2, 0);
            assertEquals("0-1", cmd.get(2), cmd.toString());
        }
    }

    @Test
    void skynetRefusesASizeThatIsNotAPowerOfTen() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workload.SKYNET.validate(500));
        assertTrue(e.getMessage().contains("power of 10"), e.getMessage());
        Workload.SKYNET.validate(1);
        Workload.SKYNET.validate(1_000_000);
    }

    @Test
    void aWrongAnswerFailsTheCheck() {
        BenchMain.CheckFailed e = assertThrows(BenchMain.CheckFailed.class, () -> BenchMain.check(Workload.SKYNET, 10, 44));
        assertTrue(e.getMessage().contains("got 44, want 45"), e.getMessage());
    }

    @Test
    void jgoSaysWhyItIsMissingWhenNotCompiled() throws Exception {
        if (Systems.jgoCompiled()) {
            assertTrue(Systems.load(Systems.JGO) instanceof Workloads);
        } else {
            Systems.Unavailable e = assertThrows(Systems.Unavailable.class, () -> Systems.load(Systems.JGO));
            assertTrue(e.getMessage().contains("-Pno-jgo-workloads"), e.getMessage());
        }
    }

    @Test
    void virtualThreadsSayWhyTheyAreMissingBeforeJdk21() throws Exception {
        if (Runtime.version().feature() >= 21) {
            assertTrue(Systems.load(Systems.VTHREADS) instanceof Workloads);
        } else {
            Systems.Unavailable e = assertThrows(Systems.Unavailable.class, () -> Systems.load(Systems.VTHREADS));
            assertTrue(e.getMessage().contains("JDK 21+"), e.getMessage());
        }
    }
}
