package demo.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.annotation.Go;
import io.jgo.test.GoTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The project's own tests, written with jgo's test kit. */
@GoTest
class MainTest {

    @Go
    static String slowAnswer(Duration takes) {
        Jgo.sleep(takes);
        return "done";
    }

    @Test
    void sumsTheSquares() {
        assertEquals(338350, Jgo.run(MainGo.sumOfSquares(100)));
    }

    @Test
    void aDayOfWaitingTakesNoRealTime() {
        long real0 = System.nanoTime();
        Instant start = Jgo.now();
        assertEquals("done", Jgo.run(MainTestGo.slowAnswer(Duration.ofDays(1))));
        assertEquals(Duration.ofDays(1), Duration.between(start, Jgo.now()));
        assertTrue(System.nanoTime() - real0 < Duration.ofSeconds(10).toNanos());
    }

    @Test
    void theTestThreadCanUseChannelsToo() {
        Chan<Integer> c = Chan.make(1);
        c.send(7);
        assertEquals(7, c.recv());
    }
}
