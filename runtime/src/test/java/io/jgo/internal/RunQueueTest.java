package io.jgo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sequential properties of a P's run queue (the concurrent ones: RunQueueLincheckTest). */
class RunQueueTest {

    private static List<G> gs(int n) {
        List<G> gs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            gs.add(TestSched.newG(new TestFrames.Leaf(() -> { })));
        }
        return gs;
    }

    @Test
    void ringIsFifoBehindRunnextAndHoldsExactly256() {
        RunQueue q = new RunQueue();
        List<G> gs = gs(258);
        for (int i = 0; i < 256; i++) {
            assertTrue(q.offer(gs.get(i)));
        }
        assertFalse(q.offer(gs.get(256)), "a full ring refuses");
        assertNull(q.putNext(gs.get(257)));
        assertEquals(257, q.size());
        assertSame(gs.get(257), q.get(), "runnext first");
        for (int i = 0; i < 256; i++) {
            assertSame(gs.get(i), q.get());
        }
        assertNull(q.get());
    }

    /**
     * A thief whose own ring is nearly full steals only what fits. (Otherwise repeated steals into
     * one P, as the monitor's into a replacement P, overwrite live slots: goroutines are lost and
     * a program with a million goroutines hangs.)
     */
    @Test
    void stealingNeverOverwritesTheThiefsOwnGoroutines() {
        RunQueue victim = new RunQueue();
        RunQueue thief = new RunQueue();
        List<G> vs = gs(256);
        List<G> ts = gs(200);
        vs.forEach(victim::offer);
        ts.forEach(thief::offer);
        G first = thief.stealFrom(victim, true);
        assertTrue(first != null);
        Set<G> seen = new HashSet<>();
        seen.add(first);
        for (G g; (g = thief.get()) != null;) {
            assertTrue(seen.add(g), "a goroutine came out twice");
        }
        for (G g; (g = victim.get()) != null;) {
            assertTrue(seen.add(g), "a goroutine came out twice");
        }
        assertEquals(456, seen.size(), "goroutines were lost");
        assertTrue(seen.containsAll(ts) && seen.containsAll(vs));
    }

    @Test
    void aFullThiefStealsNothing() {
        RunQueue victim = new RunQueue();
        RunQueue thief = new RunQueue();
        gs(10).forEach(victim::offer);
        gs(256).forEach(thief::offer);
        assertNull(thief.stealFrom(victim, true));
        assertEquals(10, victim.size());
        assertEquals(256, thief.size());
    }

    @Test
    void stealTakesTheOlderHalfAndRunnextOnlyWhenAllowedAndTheRingIsEmpty() {
        RunQueue victim = new RunQueue();
        RunQueue thief = new RunQueue();
        List<G> gs = gs(5);
        for (int i = 0; i < 4; i++) {
            victim.offer(gs.get(i));
        }
        victim.putNext(gs.get(4));
        // 4 in the ring: steal 2 (the older), return the last stolen, keep the other
        assertSame(gs.get(1), thief.stealFrom(victim, true));
        assertSame(gs.get(0), thief.get());
        assertSame(gs.get(2), thief.stealFrom(victim, true)); // 2 left: steal 1
        assertSame(gs.get(3), thief.stealFrom(victim, false));
        assertNull(thief.stealFrom(victim, false), "runnext is not stolen unless asked");
        assertSame(gs.get(4), thief.stealFrom(victim, true));
        assertNull(victim.get());
    }

    /**
     * For every ring length n, a steal takes the older ceil(n/2) goroutines (so the last one can
     * be taken), hands back the newest of them to run and queues the others in order; the
     * victim keeps the newer half in order, and its runnext unless it was asked for with an
     * empty ring.
     */
    @Test
    @Timeout(20)
    void stealTakesTheOlderHalfRoundedUpForEveryLength() {
        for (int n = 0; n <= RunQueue.SIZE; n++) {
            for (boolean withNext : new boolean[] {false, true}) {
                RunQueue victim = new RunQueue();
                RunQueue thief = new RunQueue();
                List<G> gs = gs(n + 1);
                for (int i = 0; i < n; i++) {
                    assertTrue(victim.offer(gs.get(i)));
                }
                G next = gs.get(n);
                if (withNext) {
                    assertNull(victim.putNext(next));
                }
                String at = "n=" + n + (withNext ? " with runnext" : "");
                G got = thief.stealFrom(victim, true);
                int k = n - n / 2;
                if (n == 0) {
                    assertSame(withNext ? next : null, got, at);
                    assertEquals(0, victim.size(), at);
                    continue;
                }
                assertSame(gs.get(k - 1), got, at + ": runs the newest stolen one");
                for (int i = 0; i < k - 1; i++) {
                    assertSame(gs.get(i), thief.get(), at + ": queued oldest first");
                }
                assertNull(thief.get(), at + ": took " + k);
                assertEquals(n - k + (withNext ? 1 : 0), victim.size(), at);
                if (withNext) {
                    assertSame(next, victim.takeNext(), at + ": runnext stays while the ring is not empty");
                }
                for (int i = k; i < n; i++) {
                    assertSame(gs.get(i), victim.get(), at + ": the victim keeps the newer ones in order");
                }
                assertNull(victim.get(), at);
            }
        }
    }

    /**
     * runnext and P.curg live in holders replaced every {@link P#SLOT_ROTATION} writes (to stay
     * young for G1): across many replacements, each write is seen and each displaced goroutine
     * comes back exactly once.
     */
    @Test
    void runnextAndCurgSurviveTheirSlotsReplacements() {
        int n = 3 * P.SLOT_ROTATION + 7;
        List<G> gs = gs(n);
        RunQueue q = new RunQueue();
        P p = new P(0, null);
        List<G> displaced = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            G g = gs.get(i);
            G d = q.putNext(g);
            if (d != null) {
                displaced.add(d);
            }
            assertTrue(q.hasRunnext());
            p.setCurg(g);
            assertSame(g, p.curg());
            if (i % 3 == 0) {
                assertSame(g, q.takeNext(), "taken right after it was put");
                p.setCurg(null);
                assertNull(p.curg());
            }
        }
        Set<G> seen = new HashSet<>(displaced);
        G last = q.get();
        if (last != null) {
            seen.add(last);
        }
        for (int i = 0; i < n; i++) {
            if (i % 3 != 0) {
                assertTrue(seen.contains(gs.get(i)), "goroutine " + i + " lost by a replacement");
            }
        }
        assertEquals(n - (n + 2) / 3, displaced.size() + (last != null ? 1 : 0),
                "each goroutine displaced once");
        assertNull(q.get());
    }

    /**
     * Overflow takes the older half of a full ring, oldest first, then the goroutine that did not
     * fit: SIZE / 2 + 1 linked through schedLink. Also after the ring has wrapped (head and tail
     * far from 0): "full" is tail - head == SIZE wherever they are.
     */
    @Test
    void overflowTakesTheOlderHalfOfAFullRingAlsoAfterItWrapped() {
        RunQueue q = new RunQueue();
        for (G g : gs(100)) { // move head and tail on, so that neither is 0 below
            assertTrue(q.offer(g));
            assertSame(g, q.get());
        }
        List<G> gs = gs(RunQueue.SIZE);
        for (G g : gs) {
            assertTrue(q.offer(g));
        }
        G last = gs(1).get(0);
        last.setSchedLink(gs.get(0)); // stale: the batch must end at last all the same
        assertFalse(q.offer(last), "full");
        G g = q.takeHalfForOverflow(last);
        for (int i = 0; i < RunQueue.SIZE / 2; i++) {
            assertSame(gs.get(i), g, "batch position " + i);
            g = g.schedLink();
        }
        assertSame(last, g);
        assertNull(last.schedLink());
        for (int i = RunQueue.SIZE / 2; i < RunQueue.SIZE; i++) {
            assertSame(gs.get(i), q.get(), "the newer half stays, in order");
        }
        assertNull(q.get());
        assertNull(q.takeHalfForOverflow(last), "not full: nothing to move");
    }
}
