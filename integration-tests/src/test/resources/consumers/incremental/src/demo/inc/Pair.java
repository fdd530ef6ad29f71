package demo.inc;

import io.jgo.Chan;
import io.jgo.annotation.Go;

/** A top-level class and a nested class with @Go methods: two generated files, one origin each. */
public class Pair {
    @Go
    public static int twice(int x) {
        Chan<Integer> ch = Chan.make(1);
        ch.send(2 * x);
        return ch.recv();
    }

    /** Generates demo.inc.Pair_InnerGo, whose originating element is this nested class. */
    public static class Inner {
        @Go
        public static int plusOne(int x) {
            return Pair.twice(x) / 2 + 1;
        }
    }
}
