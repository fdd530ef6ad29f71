package io.jgo.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.Context;
import io.jgo.Jgo;
import io.jgo.Ticker;
import io.jgo.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Every time API of jgo runs on the test's virtual clock, also when called on the test's own
 * thread: each waits an hour of virtual time, and the whole class takes well under a second of
 * real time.
 */
@GoTest(timeoutSeconds = 20)
class VirtualTimeApisTest {
    private static final Duration HOUR = Duration.ofHours(1);

    private static void assertAnHourPassedSince(Instant start) {
        Duration d = Duration.between(start, Jgo.now());
        assertTrue(d.compareTo(HOUR) >= 0 && d.compareTo(HOUR.plusSeconds(1)) < 0, "virtual time passed: " + d);
    }

    @Test
    void sleep() {
        Instant start = Jgo.now();
        Jgo.sleep(HOUR);
        assertAnHourPassedSince(start);
    }

    @Test
    void after() {
        Instant start = Jgo.now();
        Instant fired = Jgo.after(HOUR).recv();
        assertAnHourPassedSince(start);
        assertEquals(Jgo.now(), fired, "the value is the virtual time it fired at");
    }

    @Test
    void aTimerAndItsReset() {
        Instant start = Jgo.now();
        Timer t = Jgo.newTimer(Duration.ofMinutes(10));
        t.reset(HOUR);
        t.C().recv();
        assertAnHourPassedSince(start);
    }

    @Test
    void tickAndTicker() {
        Instant start = Jgo.now();
        Ticker t = Jgo.newTicker(Duration.ofMinutes(15));
        for (int i = 0; i < 4; i++) {
            t.C().recv();
        }
        t.stop();
        assertAnHourPassedSince(start);
        Jgo.tick(HOUR).recv();
        assertTrue(Duration.between(start, Jgo.now()).compareTo(HOUR.multipliedBy(2)) >= 0);
    }

    @Test
    void afterFunc() {
        Instant start = Jgo.now();
        AtomicReference<Instant> ranAt = new AtomicReference<>();
        var done = io.jgo.Chan.<Boolean>make(1);
        Jgo.afterFunc(HOUR, () -> {
            ranAt.set(Jgo.now());
            done.trySend(true);
        });
        done.recv();
        assertEquals(Duration.between(start, ranAt.get()).toMinutes(), 60);
    }

    @Test
    void contextTimeoutAndDeadline() {
        Instant start = Jgo.now();
        var ctx = Context.withTimeout(Context.background(), HOUR);
        assertEquals(start.plus(HOUR), ctx.deadline().orElseThrow());
        ctx.done().recv();
        assertAnHourPassedSince(start);
        assertEquals(Context.DEADLINE_EXCEEDED, ctx.err());
    }

    @Test
    void aGoroutinesSleepToo() {
        Instant start = Jgo.now();
        Jgo.run(ProgramsGo.setAfter(HOUR, new java.util.concurrent.atomic.AtomicInteger()));
        assertAnHourPassedSince(start);
    }
}
