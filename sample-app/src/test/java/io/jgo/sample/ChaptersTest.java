package io.jgo.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.GoRuntime;
import io.jgo.Jgo;
import io.jgo.test.GoTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Some chapters tested with the test kit: each test has a runtime of its own on a virtual clock,
 * and fails if a chapter leaves a goroutine behind.
 */
@GoTest
class ChaptersTest {

    @Test
    void aCallSlowerThanItsTimeoutTimesOutAndTheClockOnlyMovesVirtually() {
        long real0 = System.nanoTime();
        Instant start = Jgo.now();
        String r = Jgo.run(SelectTimeoutGo.callWithTimeout(Duration.ofHours(2), Duration.ofHours(1), "report"));
        assertEquals("  timeout report (took 7200000 ms, timeout 3600000 ms)", r);
        assertTrue(Duration.between(start, Jgo.now()).compareTo(Duration.ofHours(1)) >= 0);
        assertTrue(System.nanoTime() - real0 < Duration.ofSeconds(10).toNanos(), "an hour took real time");
    }

    @Test
    void aFastCallAnswersBeforeItsTimeout() {
        String r = Jgo.run(SelectTimeoutGo.callWithTimeout(Duration.ofMillis(10), Duration.ofSeconds(1), "answer"));
        assertEquals("  answer (took 10 ms, timeout 1000 ms)", r);
    }

    @Test
    void theSieveEndsEveryGoroutineOfItsChain() {
        String out = Jgo.run(SieveGo.main(10));
        assertTrue(out.startsWith("  2 3 5 7 11 13 17 19 23 29"), out);
        // no leak: closing quit ended every filter and the generator (the kit checks it)
    }

    @Test
    void theTickerTicksFiveTimesOnTheVirtualClock(GoRuntime rt) {
        assertTrue(rt.hasVirtualTime());
        Instant start = rt.now();
        String out = Jgo.run(TickersGo.main());
        assertTrue(out.endsWith("ticker stopped after 5 runs"), out);
        assertEquals(Duration.ofMillis(5 * Tickers.PERIOD_MS), Duration.between(start, rt.now()));
    }
}
