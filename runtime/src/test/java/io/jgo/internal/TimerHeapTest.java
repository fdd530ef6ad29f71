package io.jgo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * A P's timer heap on its own, against a sorted list as the model: it pops due timers earliest
 * first, including among equal deadlines and across the wrap-around of the nanoTime clock, and
 * keeps that order through removals from the middle, moves and the shrinking of its arrays.
 */
class TimerHeapTest {

    /** A timer that records nothing: the heap only reads its deadline. */
    static final class T extends RuntimeTimer {
        final int id;

        T(int id, long when) {
            this.id = id;
            this.when = when;
        }

        @Override
        protected void fire() {
        }

        @Override
        public String toString() {
            return "timer " + id + " @" + when;
        }
    }

    /** Orders deadlines as the runtime does: by difference, so that the clock may wrap. */
    private static Comparator<T> byDeadlineFrom(long origin) {
        return Comparator.comparingLong(t -> t.when - origin);
    }

    /** Pops everything due at {@code now}, {@code batch} at a time. */
    private static List<T> popAll(TimerHeap h, long now, int batch) {
        List<T> out = new ArrayList<>();
        RuntimeTimer[] buf = new RuntimeTimer[batch];
        for (int k; (k = h.popExpired(now, buf, batch)) > 0;) {
            for (int i = 0; i < k; i++) {
                out.add((T) buf[i]);
                buf[i] = null;
            }
        }
        return out;
    }

    private static void assertEarliestFirst(List<T> popped, long origin) {
        for (int i = 1; i < popped.size(); i++) {
            assertTrue(popped.get(i).when - popped.get(i - 1).when >= 0,
                    "popped out of order at #" + i + ": " + popped.get(i - 1) + " then " + popped.get(i)
                            + " (origin " + origin + ")");
        }
    }

    /** Random deadlines, many of them equal: popped earliest first, each once, none left. */
    @RepeatedTest(20)
    void randomDeadlinesWithTiesPopEarliestFirst() {
        Random rnd = new Random();
        long seed = rnd.nextLong();
        rnd.setSeed(seed);
        TimerHeap h = new TimerHeap();
        int n = 1 + rnd.nextInt(3_000);
        long origin = rnd.nextLong();
        int spread = 1 + rnd.nextInt(n); // as few as one distinct deadline: all ties
        List<T> ts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            T t = new T(i, origin + rnd.nextInt(spread));
            ts.add(t);
            h.add(t);
            assertTrue(t.pending());
        }
        assertEquals(n, h.size());
        assertEquals(Collections.min(ts, byDeadlineFrom(origin)).when, h.minWhen, "seed " + seed);
        List<T> popped = popAll(h, origin + spread, 1 + rnd.nextInt(64));
        assertEquals(n, popped.size(), "seed " + seed);
        assertEquals(new HashSet<>(ts), new HashSet<>(popped), "each timer popped once; seed " + seed);
        assertEarliestFirst(popped, origin);
        for (T t : popped) {
            assertFalse(t.pending(), "a popped timer is in no heap");
        }
        assertEquals(0, h.size());
        assertEquals(Long.MAX_VALUE, h.minWhen);
    }

    /**
     * Adds, removals (of timers anywhere in the heap, and of some already gone) and pops of
     * what is due, mixed at random and compared with a sorted list after every step.
     */
    @RepeatedTest(20)
    void addsRemovalsAndPopsMixedAgreeWithASortedList() {
        Random rnd = new Random();
        long seed = rnd.nextLong();
        rnd.setSeed(seed);
        long origin = Long.MAX_VALUE - rnd.nextInt(50_000); // deadlines wrap round past MAX_VALUE
        Comparator<T> order = byDeadlineFrom(origin);
        TimerHeap h = new TimerHeap();
        List<T> model = new ArrayList<>(); // sorted by deadline
        List<T> gone = new ArrayList<>();
        long now = origin;
        int ids = 0;
        RuntimeTimer[] buf = new RuntimeTimer[16];
        for (int step = 0; step < 20_000; step++) {
            int op = rnd.nextInt(10);
            if (op < 5 || model.isEmpty()) {
                T t = new T(ids++, now + rnd.nextInt(100_000));
                boolean expected = model.isEmpty() || t.when - model.get(0).when < 0;
                assertEquals(expected, h.add(t), "add reports whether it became the earliest; seed " + seed);
                model.add(insertionPoint(model, t, order), t);
            } else if (op < 8) {
                T t = model.remove(rnd.nextInt(model.size()));
                assertTrue(h.remove(t), "seed " + seed);
                assertFalse(t.pending());
                gone.add(t);
            } else if (op < 9 && !gone.isEmpty()) {
                assertFalse(h.remove(gone.get(rnd.nextInt(gone.size()))), "already out: seed " + seed);
            } else {
                now += rnd.nextInt(30_000);
                int max = 1 + rnd.nextInt(buf.length);
                int k = h.popExpired(now, buf, max);
                for (int i = 0; i < k; i++) {
                    T t = (T) buf[i];
                    buf[i] = null;
                    assertTrue(t.when - now <= 0, "popped before its deadline: " + t + "; seed " + seed);
                    assertEquals(model.get(0).when, t.when, "not the earliest: " + t + "; seed " + seed);
                    assertTrue(model.remove(t));
                    assertFalse(t.pending());
                    gone.add(t);
                }
                assertTrue(k == max || model.isEmpty() || model.get(0).when - now > 0,
                        "left a due timer in the heap; seed " + seed);
            }
            assertEquals(model.size(), h.size(), "seed " + seed);
            assertEquals(model.isEmpty() ? Long.MAX_VALUE : model.get(0).when, h.minWhen, "seed " + seed);
        }
        List<T> rest = popAll(h, now + 200_000, 7);
        assertEquals(new HashSet<>(model), new HashSet<>(rest), "seed " + seed);
        assertEquals(deadlines(model), deadlines(rest), "the rest, earliest first; seed " + seed);
    }

    /** Where {@code t} goes in the sorted model: after every timer due no later. */
    private static int insertionPoint(List<T> model, T t, Comparator<T> order) {
        int i = model.size();
        while (i > 0 && order.compare(model.get(i - 1), t) > 0) {
            i--;
        }
        return i;
    }

    private static List<Long> deadlines(List<T> ts) {
        List<Long> ws = new ArrayList<>();
        for (T t : ts) {
            ws.add(t.when);
        }
        return ws;
    }

    /** Deadlines on both sides of the clock's wrap-around: compared by difference, as nanoTime requires. */
    @Test
    void deadlinesAcrossTheClocksWrapAroundKeepTheirOrder() {
        TimerHeap h = new TimerHeap();
        long origin = Long.MAX_VALUE - 500;
        List<T> ts = new ArrayList<>();
        Random rnd = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            T t = new T(i, origin + rnd.nextInt(1_000)); // about half wrap to negative values
            ts.add(t);
            h.add(t);
        }
        assertTrue(ts.stream().anyMatch(t -> t.when < 0) && ts.stream().anyMatch(t -> t.when > 0));
        assertEquals(Collections.min(ts, byDeadlineFrom(origin)).when, h.minWhen);
        List<T> popped = popAll(h, origin + 999, 16);
        assertEquals(1_000, popped.size());
        assertEarliestFirst(popped, origin);
    }

    /** A timer due exactly now is popped; one due a nanosecond later is not. */
    @Test
    void popExpiredTakesWhatIsDueAtNowAndNothingLater() {
        TimerHeap h = new TimerHeap();
        long now = 1_000_000;
        T due = new T(0, now);
        T late = new T(1, now + 1);
        T early = new T(2, now - 1);
        h.add(late);
        h.add(due);
        h.add(early);
        RuntimeTimer[] buf = new RuntimeTimer[8];
        assertEquals(2, h.popExpired(now, buf, buf.length));
        assertSame(early, buf[0]);
        assertSame(due, buf[1]);
        assertEquals(1, h.size());
        assertEquals(now + 1, h.minWhen);
        assertTrue(late.pending());
        assertEquals(1, h.popExpired(now + 1, buf, 1));
        assertSame(late, buf[0]);
    }

    /**
     * Removal from the middle puts the last timer in the removed one's place, where it may belong
     * higher up: a 4-ary heap laid out (children of i at 4i+1..4i+4, each inserted no earlier
     * than its parent, so nothing moves) with late deadlines under node 1 and early ones at the
     * end. Removing node 5 (under node 1) moves the last, early timer there, below node 1.
     */
    @Test
    void removingFromTheMiddleMaySiftTheLastTimerUp() {
        long[] layout = {0, 500, 10, 10, 1, // root, then its children 1..4
            600, 601, 602, 603, // children of 1: late
            20, 21, 22, 23, 24, 25, 26, 27, // children of 2 and 3
            2, 3, 4, 5}; // children of 4: early; the last one is 5
        TimerHeap h = new TimerHeap();
        List<T> ts = new ArrayList<>();
        for (int i = 0; i < layout.length; i++) {
            T t = new T(i, layout[i]);
            ts.add(t);
            h.add(t);
            assertEquals(i, t.index, "the layout is a heap as inserted");
        }
        T removed = ts.remove(5);
        assertTrue(h.remove(removed));
        assertEquals(1, ts.get(ts.size() - 1).index, "the early last timer rose above node 1's place");
        List<T> popped = popAll(h, 1_000, 4);
        assertEquals(new HashSet<>(ts), new HashSet<>(popped));
        assertEarliestFirst(popped, 0);
    }

    /** moveAllTo hands every timer over: the target pops them all in order, the source is empty. */
    @Test
    void moveAllToKeepsEveryTimerAndTheOrder() {
        TimerHeap from = new TimerHeap();
        TimerHeap to = new TimerHeap();
        Random rnd = new Random(11);
        Set<T> all = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            T t = new T(i, rnd.nextInt(5_000));
            all.add(t);
            (i % 3 == 0 ? to : from).add(t);
        }
        from.moveAllTo(to);
        assertEquals(0, from.size());
        assertEquals(Long.MAX_VALUE, from.minWhen);
        assertEquals(500, to.size());
        for (T t : all) {
            assertFalse(from.remove(t), "no timer stays behind");
        }
        List<T> popped = popAll(to, 5_000, 32);
        assertEquals(all, new HashSet<>(popped));
        assertEarliestFirst(popped, 0);
    }

    /** Arrays grown for many timers shrink as they leave, and the heap stays correct meanwhile. */
    @Test
    void growingAndShrinkingKeepsTheOrder() {
        TimerHeap h = new TimerHeap();
        Random rnd = new Random(3);
        List<T> ts = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            T t = new T(i, rnd.nextInt(1_000_000));
            ts.add(t);
            h.add(t);
        }
        Collections.shuffle(ts, rnd);
        for (T t : ts.subList(0, 4_990)) {
            assertTrue(h.remove(t));
        }
        List<T> left = new ArrayList<>(ts.subList(4_990, 5_000));
        assertEquals(left.size(), h.size());
        assertEquals(Collections.min(left, byDeadlineFrom(0)).when, h.minWhen);
        List<T> popped = popAll(h, 1_000_000, 3);
        assertEquals(new HashSet<>(left), new HashSet<>(popped));
        assertEarliestFirst(popped, 0);
    }
}
