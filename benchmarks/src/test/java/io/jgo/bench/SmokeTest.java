package io.jgo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
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
     * The JIT's compilation time as the warm-up sees it: it grows during the first
     * {@code busyRuns} runs (one reading before and one after each run), then stays put.
     */
    private static java.util.function.LongSupplier jitBusyFor(int busyRuns) {
        int[] reads = {0};
        return () -> {
            int run = reads[0]++ / 2; // the run this reading belongs to
            int after = reads[0] % 2 == 0 ? 1 : 0;
            return Math.min(run + after, busyRuns) * 10L;
        };
    }

    @Test
    void theWarmUpGoesOnUntilTheJitIsQuiet() throws Exception {
        Workloads impl = Systems.load(Systems.THREADS);
        Workload w = Workload.MUTEX_UNCONTENDED;
        assertEquals(5, BenchMain.warmUp(impl, w, 10, 5, jitBusyFor(0)), "quiet from the start: the minimum");
        assertEquals(5, BenchMain.warmUp(impl, w, 10, 5, jitBusyFor(3)), "quiet for two runs within the minimum");
        assertEquals(12 + BenchMain.QUIET_RUNS, BenchMain.warmUp(impl, w, 10, 5, jitBusyFor(12)),
                "busy for 12 runs: two quiet runs after them");
        assertEquals(BenchMain.MAX_WARMUP_RUNS, BenchMain.warmUp(impl, w, 10, 5, jitBusyFor(Integer.MAX_VALUE / 20)),
                "never quiet: capped");
        assertEquals(7, BenchMain.warmUp(impl, w, 10, 7, () -> -1), "no JIT figures: the minimum");
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
