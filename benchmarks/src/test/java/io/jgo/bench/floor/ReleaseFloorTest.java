package io.jgo.bench.floor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The release floor runs every receiver exactly once in each order (small n; no timing). */
class ReleaseFloorTest {

    @ParameterizedTest
    @ValueSource(strings = {"inline", "fifo", "two"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyReceiverEndsInEachOrder(String order) throws InterruptedException {
        // round() returns only once the shared counter is back at zero, and each receiver
        // checks that it was resumed with its value: a lost or doubled receiver throws, from the
        // sender or (order two) from the runner thread, passed to the sender; a spin that waits
        // longer than the round's timeout throws too. The separate-thread timeout bounds the
        // rest (JUnit's default mode only interrupts, and the spins do not look at interrupts).
        for (int r = 0; r < 3; r++) {
            assertTrue(ReleaseFloor.round(20_000, order, TimeUnit.SECONDS.toNanos(30)) > 0);
        }
    }

    @Test
    void anUnknownOrderIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReleaseFloor.round(10, "lifo", TimeUnit.SECONDS.toNanos(30)));
        assertTrue(e.getMessage().contains("inline, fifo or two"), e.getMessage());
    }
}
