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
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyReceiverEndsInEachOrder(String order) throws InterruptedException {
        // round() returns only once the shared counter is back at zero, and each receiver
        // checks that it was resumed with its value: a lost or doubled receiver hangs or throws.
        for (int r = 0; r < 3; r++) {
            assertTrue(ReleaseFloor.round(20_000, order) > 0);
        }
    }

    @Test
    void anUnknownOrderIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReleaseFloor.round(10, "lifo"));
        assertTrue(e.getMessage().contains("inline, fifo or two"), e.getMessage());
    }
}
