package io.jgo.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.jgo.Chan;
import io.jgo.GoRuntime;
import io.jgo.Jgo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The kit tested the way users meet it: fixture test classes (nested, so the build's own test run
 * does not pick them up) run through JUnit's engine, and their outcomes checked.
 */
class GoTestKitTest {

    private static Events run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().testEvents();
    }

    /** The one failure's message, with its suppressed exceptions' messages. */
    private static String failureOf(Events events) {
        List<String> msgs = new ArrayList<>();
        events.failed().stream().forEach(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).ifPresent(t -> {
                    msgs.add(String.valueOf(t));
                    for (Throwable s : t.getSuppressed()) {
                        msgs.add(String.valueOf(s));
                    }
                    if (t.getCause() != null) {
                        msgs.add("cause: " + t.getCause());
                    }
                }));
        return String.join("\n", msgs);
    }

    // ---- leaks

    @GoTest
    static class LeakFixture {
        @Test
        void leaves() {
            Jgo.go(ProgramsGo.parkForever());
        }
    }

    @GoTest(allowLeaks = true)
    static class AllowedLeakFixture {
        @Test
        void leaves() {
            Jgo.go(ProgramsGo.parkForever());
        }
    }

    @Test
    void aLeakedGoroutineFailsTheTestWithADump() {
        Events e = run(LeakFixture.class);
        assertEquals(1, e.failed().count());
        String msg = failureOf(e);
        assertTrue(msg.contains("1 goroutine still alive when the test ended"), msg);
        assertTrue(msg.contains("[chan receive]") && msg.contains("Programs.parkForever"), msg);
    }

    @Test
    void allowLeaksLetsGoroutinesStay() {
        Events e = run(AllowedLeakFixture.class);
        assertEquals(1, e.succeeded().count(), failureOf(e));
    }

    // ---- panics

    @GoTest
    static class PanicFixture {
        @Test
        void helperPanics() {
            Jgo.go(ProgramsGo.panicAfterASecond());
            Jgo.sleep(Duration.ofSeconds(2)); // virtual: the helper panics meanwhile
        }
    }

    @Test
    void aPanicInAnyGoroutineFailsTheTest() {
        Events e = run(PanicFixture.class);
        assertEquals(1, e.failed().count());
        String msg = failureOf(e);
        assertTrue(msg.contains("a goroutine panicked") && msg.contains("a helper goroutine failed"), msg);
    }

    // ---- timeouts

    @GoTest(timeoutSeconds = 1)
    static class TimeoutFixture {
        @Test
        void blocksForReal() {
            Jgo.run(ProgramsGo.blockForReal(3_000));
        }
    }

    @Test
    void aTimeoutFailsWithADumpOfEveryGoroutine() {
        long t0 = System.nanoTime();
        Events e = run(TimeoutFixture.class);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, e.failed().count());
        String msg = failureOf(e);
        assertTrue(msg.contains("did not end within PT1S"), msg);
        assertTrue(msg.contains("goroutine 1 [running]"), "the dump shows the goroutine:\n" + msg);
        assertTrue(msg.contains("the test's thread"), msg);
        assertTrue(millis < 20_000, millis + " ms");
    }

    // ---- deadlocks

    @GoTest(timeoutSeconds = 60)
    static class DeadlockFixture {
        @Test
        void testThreadHoldsTheChannel() {
            Chan<Integer> in = Chan.make();
            Chan<Integer> out = Chan.make();
            Jgo.go(ProgramsGo.relay(in, out));
            out.recv(); // nobody sends on `in`: the relay and this thread wait forever
        }
    }

    @Test
    void aDeadlockIsReportedAtOnceEvenWhenTheTestThreadHoldsTheChannel() {
        long t0 = System.nanoTime();
        Events e = run(DeadlockFixture.class);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, e.failed().count());
        String msg = failureOf(e);
        assertTrue(msg.contains("all goroutines are asleep - deadlock!"), msg);
        assertTrue(msg.contains("Programs.relay"), "the report shows where the goroutine waits:\n" + msg);
        assertTrue(msg.contains("testThreadHoldsTheChannel"), "and where the test's thread waits:\n" + msg);
        assertTrue(millis < 30_000, "reported after " + millis + " ms, long before the 60 s timeout");
    }

    // ---- virtual time

    @GoTest
    static class RateLimiterFixture {
        static volatile int served;
        static volatile Duration elapsed;

        @Test
        void anHourOfRequests(GoRuntime rt) {
            Instant start = Jgo.now();
            served = Jgo.run(ProgramsGo.serveRateLimited(Duration.ofHours(1)));
            elapsed = Duration.between(start, Jgo.now());
        }
    }

    @Test
    void virtualTimeRunsAnHourOfRateLimitingInMilliseconds() {
        long t0 = System.nanoTime();
        Events e = run(RateLimiterFixture.class);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, e.succeeded().count(), failureOf(e));
        assertEquals(300, RateLimiterFixture.served, "5 a minute for 60 minutes");
        assertTrue(RateLimiterFixture.elapsed.compareTo(Duration.ofHours(1)) >= 0, "Jgo.now() moved an hour: "
                + RateLimiterFixture.elapsed);
        System.out.printf("an hour of virtual time (300 requests) took %d ms of real time%n", millis);
        assertTrue(millis < 20_000, millis + " ms");
    }

    @Test
    void advanceTimeMovesTheClockByHand() throws Throwable {
        GoTests.run(GoTests.options(), rt -> {
            AtomicInteger flag = new AtomicInteger();
            Jgo.go(ProgramsGo.setAfter(Duration.ofMinutes(10), flag));
            rt.advanceTime(Duration.ofMinutes(9), Duration.ofSeconds(10));
            assertEquals(0, flag.get(), "not yet: 9 minutes passed");
            rt.advanceTime(Duration.ofMinutes(1), Duration.ofSeconds(10));
            assertEquals(1, flag.get(), "10 minutes passed");
        });
    }

    // ---- reproducible schedules

    private static List<Integer> orderUnder(long seed) throws Throwable {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        GoTests.run(GoTests.options().seed(seed), rt -> Jgo.run(ProgramsGo.spawnAppenders(8, order)));
        return new ArrayList<>(order);
    }

    @Test
    void aSeedReplaysTheSameInterleaving() throws Throwable {
        List<Integer> a = orderUnder(42);
        List<Integer> b = orderUnder(42);
        assertEquals(a, b, "the same seed, the same schedule");
        boolean differs = false;
        for (long s = 1; s <= 10 && !differs; s++) {
            differs = !orderUnder(s).equals(a);
        }
        assertTrue(differs, "other seeds give other schedules");
    }

    @GoTest(explore = 50, seed = 1)
    static class RacyFixture {
        @Test
        void registersOnce() {
            Map<String, Integer> m = new HashMap<>();
            AtomicInteger inserts = new AtomicInteger();
            Jgo.run(ProgramsGo.spawnRegistrations(m, inserts, false));
            assertEquals(1, inserts.get(), "the key was inserted twice");
        }
    }

    @GoTest(explore = 50, seed = 1)
    static class FixedFixture {
        @Test
        void registersOnce() {
            Map<String, Integer> m = new ConcurrentHashMap<>();
            AtomicInteger inserts = new AtomicInteger();
            Jgo.run(ProgramsGo.spawnRegistrations(m, inserts, true));
            assertEquals(1, inserts.get(), "the key was inserted twice");
        }
    }

    @Test
    void exploringSeedsFindsACheckThenActRaceAndPassesOnceFixed() {
        Events racy = run(RacyFixture.class);
        assertEquals(1, racy.failed().count());
        String msg = failureOf(racy);
        assertTrue(msg.contains("failed under seed"), msg);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("failed under seed (\\d+) \\(run (\\d+) of 50\\)").matcher(msg);
        assertTrue(m.find(), msg);
        System.out.printf("the check-then-act race failed under seed %s, run %s of 50%n", m.group(1), m.group(2));

        Events fixed = run(FixedFixture.class);
        assertEquals(1, fixed.succeeded().count(), failureOf(fixed));
    }

    @Test
    void theFailingSeedReplays() throws Throwable {
        long failing = -1;
        for (long s = 1; s <= 50 && failing < 0; s++) {
            AtomicInteger inserts = new AtomicInteger();
            GoTests.run(GoTests.options().seed(s), rt -> Jgo.run(ProgramsGo.spawnRegistrations(new HashMap<>(), inserts, false)));
            if (inserts.get() != 1) {
                failing = s;
            }
        }
        assertNotEquals(-1, failing, "no seed in 1..50 shows the race");
        for (int i = 0; i < 5; i++) {
            AtomicInteger inserts = new AtomicInteger();
            long seed = failing;
            GoTests.run(GoTests.options().seed(seed), rt -> Jgo.run(ProgramsGo.spawnRegistrations(new HashMap<>(), inserts, false)));
            assertEquals(2, inserts.get(), "seed " + seed + " replays the race every time");
        }
    }

    @Test
    void outsideATestTheStaticApiUsesTheDefaultRuntime() throws Throwable {
        GoRuntime[] inside = new GoRuntime[1];
        GoTests.run(GoTests.options(), rt -> inside[0] = GoRuntime.current());
        assertFalse(inside[0] == GoRuntime.defaultRuntime());
        assertTrue(GoRuntime.current() == GoRuntime.defaultRuntime());
        assertThrows(IllegalStateException.class, () -> inside[0].advanceTime(Duration.ofSeconds(1), Duration.ofSeconds(1)),
                "the test's runtime is closed once the test ended");
    }
}
