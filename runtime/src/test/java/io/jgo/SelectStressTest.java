package io.jgo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgo.runtime.Frame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * Selects across several channels at once, from goroutines and threads: producers offer each
 * value to two channels in one select (whichever takes it), consumers select over both channels
 * plus a short timeout, and both channels are closed once every producer is done. Every value
 * must be received exactly once, and no select may be left queued anywhere. Bigger with
 * {@code -Pstress}.
 */
@Timeout(120)
class SelectStressTest {
    static final int PER_PRODUCER = ChanStressTest.STRESS ? 40_000 : 2_000;

    /** Offers base..base+n-1, each to a or b, by a blocking select over two send cases. */
    static final class Offerer extends Frame<Integer> {
        final SendCase<Integer> toA;
        final SendCase<Integer> toB;
        final int base;
        final int n;
        int i;
        int viaA;

        Offerer(Chan<Integer> a, Chan<Integer> b, int base, int n) {
            this.toA = a.onSend(0);
            this.toB = b.onSend(0);
            this.base = base;
            this.n = n;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            for (;;) {
                if (label == 1) {
                    if (error != null) {
                        throw error;
                    }
                    if (value == toA) {
                        viaA++;
                    }
                    i++;
                }
                if (i >= n) {
                    return viaA;
                }
                toA.set(base + i);
                toB.set(base + i);
                label = 1;
                value = Jgo.select(new Case[] {toA, toB}, this);
                if (value == SUSPENDED) {
                    return SUSPENDED;
                }
                error = null;
            }
        }
    }

    /** Receives from a or b (or times out and tries again) until both are closed. */
    static final class Taker extends Frame<List<Integer>> {
        final RecvCase<Integer> fromA;
        final RecvCase<Integer> fromB;
        final Chan<Integer> nil = Chan.nil();
        final List<Integer> got = new ArrayList<>();
        RecvCase<Integer> a;
        RecvCase<Integer> b;
        RecvCase<java.time.Instant> timeout;

        Taker(Chan<Integer> a, Chan<Integer> b) {
            this.fromA = a.onRecv();
            this.fromB = b.onRecv();
            this.a = fromA;
            this.b = fromB;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            for (;;) {
                if (label == 1) {
                    if (error != null) {
                        throw error;
                    }
                    RecvCase<?> c = value == fromA ? fromA : value == fromB ? fromB : null;
                    if (c != null) {
                        if (c.ok()) {
                            got.add((Integer) c.value());
                        } else if (c == fromA) {
                            a = nil.onRecv(); // Go idiom: a closed channel's case becomes nil
                        } else {
                            b = nil.onRecv();
                        }
                    }
                    if (a != fromA && b != fromB) {
                        return got;
                    }
                }
                timeout = Jgo.after(Duration.ofMillis(1)).onRecv();
                label = 1;
                value = Jgo.select(new Case[] {a, b, timeout}, this);
                if (value == SUSPENDED) {
                    return SUSPENDED;
                }
                error = null;
            }
        }
    }

    @RepeatedTest(3)
    void everyOfferedValueIsTakenExactlyOnce() throws Exception {
        Chan<Integer> a = Chan.make();
        Chan<Integer> b = Chan.make(3);
        List<CompletableFuture<Integer>> producers = new ArrayList<>();
        List<CompletableFuture<List<Integer>>> consumers = new ArrayList<>();
        int p = 0;
        for (; p < 4; p++) {
            producers.add(Jgo.start(new Offerer(a, b, p * PER_PRODUCER, PER_PRODUCER)));
        }
        for (; p < 6; p++) {
            int base = p * PER_PRODUCER;
            producers.add(TestSupport.thread(() -> {
                SendCase<Integer> toA = a.onSend(0);
                SendCase<Integer> toB = b.onSend(0);
                int viaA = 0;
                for (int i = 0; i < PER_PRODUCER; i++) {
                    toA.set(base + i);
                    toB.set(base + i);
                    if (Jgo.select(toA, toB) == toA) {
                        viaA++;
                    }
                }
                return viaA;
            }));
        }
        for (int c = 0; c < 3; c++) {
            consumers.add(Jgo.start(new Taker(a, b)));
        }
        consumers.add(TestSupport.thread(() -> {
            List<Integer> got = new ArrayList<>();
            for (int v : a) { // range over a only; b is drained by the others
                got.add(v);
            }
            return got;
        }));
        for (CompletableFuture<Integer> f : producers) {
            f.get();
        }
        a.close();
        b.close();
        List<Integer> got = new ArrayList<>();
        for (CompletableFuture<List<Integer>> f : consumers) {
            got.addAll(f.get());
        }
        Collections.sort(got);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 6 * PER_PRODUCER; i++) {
            expected.add(i);
        }
        assertEquals(expected.size(), got.size(), "lost or duplicated values");
        assertEquals(expected, got);
        assertEquals(0, TestSupport.receivers(a) + TestSupport.senders(a) + TestSupport.receivers(b) + TestSupport.senders(b));
    }
}
