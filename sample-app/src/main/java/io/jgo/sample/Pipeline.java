package io.jgo.sample;

import static io.jgo.Jgo.go;

import io.jgo.Chan;
import io.jgo.annotation.Go;

/**
 * Chapter 1, the pipeline: one goroutine produces numbers into a channel, another sums them.
 * {@code produce} and {@code sum} are ordinary Java; jgo's processor turns each into a
 * continuation that suspends at {@code send} and at the range loop instead of blocking a thread.
 */
public final class Pipeline {
    private Pipeline() {
    }

    /** Sends 0..n-1, then closes the channel: {@code for i := 0; i < n; i++ { out <- i }; close(out)}. */
    @Go
    static void produce(int n, Chan<Integer> out) {
        for (int i = 0; i < n; i++) {
            out.send(i);
        }
        out.close();
    }

    /** Sums what arrives until the channel is closed: {@code for v := range in { total += v }}. */
    @Go
    static long sum(Chan<Integer> in) {
        long total = 0;
        for (int v : in) {
            total += v;
        }
        return total;
    }

    /** {@code go produce(n, ch); return sum(ch)}: a spawn and a nested suspending call. */
    @Go
    static long run(int n) {
        Chan<Integer> ch = Chan.make(16);
        go(() -> produce(n, ch));
        return sum(ch);
    }
}
