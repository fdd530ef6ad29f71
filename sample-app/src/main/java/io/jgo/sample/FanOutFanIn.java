package io.jgo.sample;

import static io.jgo.Jgo.go;

import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.RecvChan;
import io.jgo.SendChan;
import io.jgo.WaitGroup;
import io.jgo.annotation.Go;

/**
 * Chapter "fanout": the Go blog's pipeline. {@code gen} emits numbers, several {@code sq} stages
 * read from the same channel (fan-out), and {@code merge} copies their outputs into one channel
 * (fan-in), closing it once a {@link WaitGroup} says every stage is done.
 */
final class FanOutFanIn {
    static final int N = 10_000;
    static final int STAGES = 4;

    private FanOutFanIn() {
    }

    @Go
    static void gen(int n, SendChan<Integer> out, Chan<Integer> closeMe) {
        for (int i = 1; i <= n; i++) {
            out.send(i);
        }
        closeMe.close();
    }

    /** {@code for n := range in { out <- n * n }; close(out)}. */
    @Go
    static void sq(RecvChan<Integer> in, Chan<Long> out) {
        for (int v : in) {
            out.send((long) v * v);
        }
        out.close();
    }

    /** Copies one input into the merged output. */
    @Go
    static void copy(RecvChan<Long> in, SendChan<Long> out, WaitGroup wg) {
        for (long v : in) {
            out.send(v);
        }
        wg.done();
    }

    @Go
    static void closeAfter(WaitGroup wg, Chan<Long> out) {
        wg.await();
        out.close();
    }

    /** {@code func merge(cs ...<-chan int) <-chan int}. */
    @Go
    static RecvChan<Long> merge(Chan<Long>[] cs) {
        Chan<Long> out = Chan.make(16);
        WaitGroup wg = new WaitGroup();
        wg.add(cs.length);
        for (Chan<Long> c : cs) {
            go(() -> copy(c, out, wg));
        }
        go(() -> closeAfter(wg, out));
        return out.recvOnly();
    }

    @Go
    static long main(int n, int stages) {
        Chan<Integer> numbers = Chan.make(16);
        go(() -> gen(n, numbers, numbers));
        @SuppressWarnings("unchecked")
        Chan<Long>[] squares = new Chan[stages];
        for (int s = 0; s < stages; s++) {
            Chan<Long> out = Chan.make(16);
            squares[s] = out;
            go(() -> sq(numbers, out));  // fan-out: every stage reads the same channel
        }
        long total = 0;
        for (long v : merge(squares)) { // fan-in
            total += v;
        }
        return total;
    }

    static void show() {
        long total = Jgo.run(FanOutFanInGo.main(N, STAGES));
        long expected = (long) N * (N + 1) * (2L * N + 1) / 6;
        System.out.println("  sum of squares of 1.." + N + " through " + STAGES + " parallel stages: " + total
                + " (expected " + expected + ")");
    }
}
