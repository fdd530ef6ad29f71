package io.jgo.it.soak;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Exactly-once accounting for values moved through a channel or a queue. A value is
 * {@code producer << 32 | seq}: each producer sends 0, 1, 2, ... in order and retries a value
 * until it was sent (an interrupted or timed-out send did not send it), so after the round the
 * values sent by producer {@code p} are exactly {@code 0 .. sent[p]-1}.
 *
 * <p>Each receipt sets the value's bit atomically; a bit already set is a duplicate, reported at
 * once. {@link #verify} then checks that producer {@code p}'s set bits are exactly the first
 * {@code sent[p]}: a clear bit below is a lost value, a set bit above is a value its producer
 * never counted as sent (a send that reported failure but delivered). One bit per value keeps a
 * long round's ledger small.
 */
final class Ledger {
    /**
     * Values one producer may send in one round: 8 M, a 1 MB bitmap per producer. The fastest
     * goroutine producers reach it in some rounds; they then stop for the rest of the round,
     * and the figures count it ("producers that reached the per-round cap").
     */
    static final int SEQ_CAP = 1 << 23;
    private static final VarHandle BITS = MethodHandles.arrayElementVarHandle(long[].class);

    final String name;
    private final long[][] seen;
    /**
     * Values each producer sent, written once by the producer as it ends, before the signal that
     * ends it (WaitGroup.done, thread end); read by the driver after that signal.
     */
    final long[] sent;

    Ledger(String name, int producers) {
        this.name = name;
        this.seen = new long[producers][SEQ_CAP / 64];
        this.sent = new long[producers];
    }

    static long value(int producer, long seq) {
        return ((long) producer << 32) | seq;
    }

    static String describe(long v) {
        return "producer " + (v >>> 32) + " seq " + (int) v;
    }

    /** Marks {@code v} received; a duplicate or a value no producer can have sent is a violation. */
    void received(Round r, Long boxed) {
        if (boxed == null) {
            r.violation(name + ": received null, which no producer sends (a closed channel's zero value leaked into a receive that reported ok)");
            return;
        }
        long v = boxed;
        long producer = v >>> 32;
        long seq = v & 0xFFFF_FFFFL;
        if (producer >= seen.length || seq >= SEQ_CAP) {
            r.violation(name + ": received " + v + ", a value no producer sends");
            return;
        }
        long bit = 1L << (seq & 63);
        long old = (long) BITS.getAndBitwiseOr(seen[(int) producer], (int) (seq >>> 6), bit);
        if ((old & bit) != 0) {
            r.violation(name + ": " + describe(v) + " received twice");
        }
    }

    /** After the round: every value sent was received exactly once, and nothing else was. */
    void verify(Round r) {
        for (int p = 0; p < seen.length; p++) {
            long n = sent[p];
            long[] bits = seen[p];
            long received = 0;
            for (long w : bits) {
                received += Long.bitCount(w);
            }
            long firstMissing = -1;
            long below = 0;
            for (long s = 0; s < n; s++) {
                if ((bits[(int) (s >>> 6)] & (1L << (s & 63))) != 0) {
                    below++;
                } else if (firstMissing < 0) {
                    firstMissing = s;
                }
            }
            if (below != n) {
                r.violation(name + ": producer " + p + " sent " + n + " values, " + (n - below)
                        + " of them were never received (first lost: seq " + firstMissing + ")");
            }
            if (received != below) {
                r.violation(name + ": producer " + p + " sent " + n + " values, but " + (received - below)
                        + " values beyond those were received (a send that reported failure delivered its value)");
            }
        }
    }

    long totalSent() {
        long t = 0;
        for (long n : sent) {
            t += n;
        }
        return t;
    }
}
