package io.jgo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.runtime.Frame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Goroutines and threads hammer one channel with sends, receives and selects while a close races
 * them. Afterwards every value that a send reported as sent was received exactly once, and no
 * value whose send failed was received (nothing lost, duplicated, or delivered after close).
 * Default sizes are small; {@code -Pstress} ({@code jgo.stress=true}) runs bigger ones.
 */
@Timeout(120)
class ChanStressTest {
    static final boolean STRESS = Boolean.getBoolean("jgo.stress");
    static final int PER_PRODUCER = STRESS ? 50_000 : 1_500;
    static final int ROUNDS = STRESS ? 10 : 1;

    /** A goroutine that sends base..base+n-1 (by send, or by select against a noise case). */
    static final class Producer extends Frame<List<Integer>> {
        final Chan<Integer> ch;
        final Chan<Integer> noise;
        final int base;
        final int n;
        final boolean viaSelect;
        final List<Integer> sent = new ArrayList<>();
        final SendCase<Integer> sendCase;
        final RecvCase<Integer> noiseCase;
        int i;

        Producer(Chan<Integer> ch, Chan<Integer> noise, int base, int n, boolean viaSelect) {
            this.ch = ch;
            this.noise = noise;
            this.base = base;
            this.n = n;
            this.viaSelect = viaSelect;
            this.sendCase = ch.onSend(0);
            this.noiseCase = noise.onRecv();
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            for (;;) {
                switch (label) {
                    case 0:
                        if (i >= n) {
                            return sent;
                        }
                        label = 1;
                        try {
                            if (viaSelect) {
                                sendCase.set(base + i);
                                value = Jgo.select(new Case[] {sendCase, noiseCase}, this);
                            } else {
                                value = ch.send(base + i, this);
                            }
                        } catch (SendOnClosedChannelException closed) {
                            return sent;
                        }
                        if (value == SUSPENDED) {
                            return SUSPENDED;
                        }
                        error = null;
                        // fall through
                    case 1:
                        if (error instanceof SendOnClosedChannelException) {
                            return sent;
                        }
                        if (error != null) {
                            throw error;
                        }
                        if (!viaSelect || value == sendCase) {
                            sent.add(base + i);
                            i++;
                        }
                        label = 0;
                        continue;
                    default:
                        throw new IllegalStateException("bad label");
                }
            }
        }
    }

    /** A goroutine that receives until the channel is closed, by recvOk, range or select. */
    static final class Consumer extends Frame<List<Integer>> {
        final Chan<Integer> ch;
        final Chan<Integer> noise;
        final int mode; // 0 recvOk, 1 rangeNext, 2 select
        final AtomicInteger progress;
        final List<Integer> got = new ArrayList<>();
        final RecvCase<Integer> recvCase;
        final SendCase<Integer> noiseCase;

        Consumer(Chan<Integer> ch, Chan<Integer> noise, int mode, AtomicInteger progress) {
            this.ch = ch;
            this.noise = noise;
            this.mode = mode;
            this.progress = progress;
            this.recvCase = ch.onRecv();
            this.noiseCase = noise.onSend(-1);
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            for (;;) {
                if (label == 1) {
                    if (error != null) {
                        throw error;
                    }
                    if (!take(value)) {
                        return got;
                    }
                }
                label = 1;
                switch (mode) {
                    case 0:
                        value = ch.recvOk(this);
                        break;
                    case 1:
                        value = ch.rangeNext(this);
                        break;
                    default:
                        value = Jgo.select(new Case[] {recvCase, noiseCase}, this);
                        break;
                }
                if (value == SUSPENDED) {
                    return SUSPENDED;
                }
                error = null;
            }
        }

        /** Records a result; false when the channel is closed and drained. */
        private boolean take(Object r) {
            Integer v;
            switch (mode) {
                case 0: {
                    Received<?> rec = (Received<?>) r;
                    if (!rec.ok()) {
                        return false;
                    }
                    v = (Integer) rec.value();
                    break;
                }
                case 1:
                    if (r == Chan.END) {
                        return false;
                    }
                    v = (Integer) r;
                    break;
                default:
                    if (r == noiseCase) {
                        return true; // the noise case fired; try again
                    }
                    if (!recvCase.ok()) {
                        return false;
                    }
                    v = recvCase.value();
                    break;
            }
            got.add(v);
            progress.incrementAndGet();
            return true;
        }
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 16})
    void nothingLostDuplicatedOrDeliveredAfterClose(int cap) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            runOnce(cap);
        }
    }

    @RepeatedTest(3)
    void unbufferedRepeated() throws Exception {
        runOnce(0);
    }

    private static void runOnce(int cap) throws Exception {
        Chan<Integer> ch = Chan.make(cap);
        Chan<Integer> noise = Chan.make(4); // select cases on it fire now and then
        AtomicInteger progress = new AtomicInteger();
        List<CompletableFuture<List<Integer>>> producers = new ArrayList<>();
        List<CompletableFuture<List<Integer>>> consumers = new ArrayList<>();
        int p = 0;
        for (; p < 4; p++) {
            producers.add(Jgo.start(new Producer(ch, noise, p * PER_PRODUCER, PER_PRODUCER, p % 2 == 1)));
        }
        for (; p < 6; p++) {
            int base = p * PER_PRODUCER;
            boolean viaSelect = p % 2 == 1;
            producers.add(TestSupport.thread(() -> threadProducer(ch, noise, base, viaSelect)));
        }
        for (int c = 0; c < 4; c++) {
            consumers.add(Jgo.start(new Consumer(ch, noise, c % 3, progress)));
        }
        for (int c = 0; c < 2; c++) {
            int mode = c;
            consumers.add(TestSupport.thread(() -> threadConsumer(ch, noise, mode == 0, progress)));
        }
        // Close while producers are still sending: after half of all values went through.
        int total = 6 * PER_PRODUCER;
        TestSupport.awaitTrue(() -> progress.get() >= total / 2);
        ch.close();
        List<Integer> sent = new ArrayList<>();
        for (CompletableFuture<List<Integer>> f : producers) {
            sent.addAll(f.get());
        }
        List<Integer> got = new ArrayList<>();
        for (CompletableFuture<List<Integer>> f : consumers) {
            got.addAll(f.get());
        }
        Collections.sort(sent);
        Collections.sort(got);
        assertTrue(got.size() >= total / 2);
        assertEquals(sent.size(), got.size(), "sent and received counts differ");
        assertEquals(sent, got, "a value was lost, duplicated, or invented");
        assertEquals(0, ch.queueLengths()[0] + ch.queueLengths()[1], "waiters left behind");
    }

    private static List<Integer> threadProducer(Chan<Integer> ch, Chan<Integer> noise, int base, boolean viaSelect) {
        List<Integer> sent = new ArrayList<>();
        SendCase<Integer> sc = ch.onSend(0);
        RecvCase<Integer> nc = noise.onRecv();
        try {
            for (int i = 0; i < PER_PRODUCER; ) {
                if (viaSelect) {
                    sc.set(base + i);
                    if (Jgo.select(sc, nc) != sc) {
                        continue;
                    }
                } else {
                    ch.send(base + i);
                }
                sent.add(base + i);
                i++;
            }
        } catch (SendOnClosedChannelException closed) {
            // the close won the race: stop
        }
        return sent;
    }

    private static List<Integer> threadConsumer(Chan<Integer> ch, Chan<Integer> noise, boolean viaSelect, AtomicInteger progress) {
        List<Integer> got = new ArrayList<>();
        if (!viaSelect) {
            for (int v : ch) {
                got.add(v);
                progress.incrementAndGet();
            }
            return got;
        }
        RecvCase<Integer> rc = ch.onRecv();
        SendCase<Integer> nc = noise.onSend(-2);
        for (;;) {
            if (Jgo.select(rc, nc) == nc) {
                continue;
            }
            if (!rc.ok()) {
                return got;
            }
            got.add(rc.value());
            progress.incrementAndGet();
        }
    }
}
