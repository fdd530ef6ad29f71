package io.jgo.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs a test that hangs in a wait that ignores interrupts, the way the project's builds do. */
class HangReportTest {
    /** Released at the end, so the abandoned test thread ends too. */
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    /** Not picked up by surefire (a nested class): run only through the engine below. */
    static class Stuck {
        @Test
        @Timeout(value = 300, unit = TimeUnit.MILLISECONDS)
        void waitsIgnoringInterrupts() {
            boolean interrupted = false;
            while (RELEASE.getCount() > 0) {
                try {
                    RELEASE.await();
                } catch (InterruptedException e) {
                    interrupted = true; // a lost wake-up in an uninterruptible wait looks like this
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    @Timeout(30)
    void aHungTestFailsInTimeWithEveryThreadsStack() {
        try {
            long t0 = System.nanoTime();
            List<Event> failed = EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                    .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                    .selectors(selectClass(Stuck.class))
                    .execute()
                    .testEvents().failed().list();
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(1, failed.size());
            assertTrue(ms < 10_000, "the stuck test must be abandoned at its time-out, took " + ms + " ms");
            Throwable t = failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class)
                    .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow();
            assertInstanceOf(TimeoutException.class, t);
            assertEquals(1, t.getSuppressed().length, "the dump rides on the failure");
            String report = t.getSuppressed()[0].getMessage();
            assertTrue(report.contains("waitsIgnoringInterrupts() timed out"), report);
            assertTrue(report.contains("---- goroutines"), report);
            assertTrue(report.contains("not on this test's class path"), report);
            // The stuck thread is still stuck when the report is taken, at the line that waits.
            assertTrue(report.contains("HangReportTest$Stuck.waitsIgnoringInterrupts(HangReportTest.java:"), report);
        } finally {
            RELEASE.countDown();
        }
    }
}
