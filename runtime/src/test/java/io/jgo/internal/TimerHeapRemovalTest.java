package io.jgo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The timer heap on its own (no scheduler): whatever is added and removed, popExpired hands out
 * the remaining timers earliest first, and minWhen is the earliest deadline.
 */
class TimerHeapRemovalTest {
    /** A timer that is never started on the scheduler: only its deadline matters here. */
    private static RuntimeTimer timer(long when) {
        RuntimeTimer t = new RuntimeTimer() {
            @Override
            protected void fire() {
            }
        };
        t.when = when;
        return t;
    }

    /**
     * Removing from the middle moves the heap's last timer into the hole. When that timer is
     * earlier than the hole's parent it must move up (siftUp), not only down: else a later
     * deadline stays above an earlier one and pops first. Random deadlines and removals, with a
     * fixed seed, hit that case many times over.
     */
    @Test
    void removalsFromTheMiddleKeepDeadlineOrder() {
        SplittableRandom rnd = new SplittableRandom(20261207L);
        for (int round = 0; round < 50; round++) {
            TimerHeap heap = new TimerHeap();
            List<RuntimeTimer> in = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                RuntimeTimer t = timer(rnd.nextLong(1, 1_000_000));
                heap.add(t);
                in.add(t);
            }
            for (int i = 0; i < 100; i++) {
                RuntimeTimer t = in.remove(rnd.nextInt(in.size()));
                assertTrue(heap.remove(t));
                assertFalse(heap.remove(t), "a removed timer is in no heap");
            }
            long min = in.stream().mapToLong(t -> t.when).min().getAsLong();
            assertEquals(min, heap.minWhen);

            RuntimeTimer[] out = new RuntimeTimer[in.size()];
            assertEquals(in.size(), heap.popExpired(Long.MAX_VALUE - 1, out, out.length));
            for (int i = 1; i < out.length; i++) {
                assertTrue(out[i - 1].when <= out[i].when,
                        "round " + round + ": popped " + out[i - 1].when + " before " + out[i].when);
            }
            assertEquals(0, heap.size());
            assertEquals(Long.MAX_VALUE, heap.minWhen);
        }
    }
}
