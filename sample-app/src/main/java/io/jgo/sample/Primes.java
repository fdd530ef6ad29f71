package io.jgo.sample;

import static io.jgo.Jgo.go;

import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.annotation.Go;

/**
 * Chapter "primes": count the primes below 2,000,000 by trial division, the range split into
 * chunks counted by separate goroutines that send their counts back over a channel. CPU-bound
 * goroutines share the Ps; the loop back-edges carry the preemption check.
 */
final class Primes {
    static final int LIMIT = 2_000_000;
    static final int CHUNKS = 16;

    private Primes() {
    }

    static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (int d = 3; (long) d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /** Counts primes in [from, to) and sends the count. */
    @Go
    static void count(int from, int to, Chan<Integer> counts) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (isPrime(i)) {
                n++;
            }
        }
        counts.send(n);
    }

    @Go
    static int main(int limit, int chunks) {
        Chan<Integer> counts = Chan.make();
        int step = (limit + chunks - 1) / chunks;
        for (int from = 0; from < limit; from += step) {
            int lo = from;
            int hi = Math.min(limit, from + step);
            go(() -> count(lo, hi, counts));
        }
        int total = 0;
        for (int c = 0; c < chunks; c++) {
            total += counts.recv();
        }
        return total;
    }

    static void show() {
        long t0 = System.nanoTime();
        int one = Jgo.run(PrimesGo.main(LIMIT, 1));
        long oneMs = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        int many = Jgo.run(PrimesGo.main(LIMIT, CHUNKS));
        long manyMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("  primes below " + LIMIT + ": " + one + " with 1 goroutine (" + oneMs + " ms), "
                + many + " with " + CHUNKS + " goroutines (" + manyMs + " ms) on " + Jgo.gomaxprocs(0) + " Ps");
    }
}
