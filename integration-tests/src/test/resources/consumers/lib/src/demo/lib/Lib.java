package demo.lib;

import io.jgo.Chan;
import io.jgo.annotation.Go;

/** A library whose @Go methods other jars call from their own @Go code. */
public final class Lib {
    private Lib() {
    }

    @Go
    public static void produce(int n, Chan<Integer> out) {
        for (int i = 1; i <= n; i++) {
            out.send(i);
        }
        out.close();
    }

    @Go
    public static long sum(Chan<Integer> in) {
        long total = 0;
        for (int v : in) {
            total += v;
        }
        return total;
    }

    /** Waits for a value that never comes: the dump must show this frame under the caller's. */
    @Go
    public static String waitFor(Chan<String> c) {
        String v = c.recv();
        return "got " + v;
    }
}
