package io.jgo.sample;

import static io.jgo.Jgo.go;

import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.annotation.Go;

/**
 * Chapter "sum": the Go tour's channel example. Two goroutines each sum half of an array and
 * send their sum back over one channel; main receives both.
 */
final class Sum {
    private Sum() {
    }

    /** {@code func sum(s []int, c chan int) { ...; c <- sum }}. */
    @Go
    static void sum(int[] s, int from, int to, Chan<Integer> c) {
        int total = 0;
        for (int i = from; i < to; i++) {
            total += s[i];
        }
        c.send(total);
    }

    /** {@code go sum(s[:len(s)/2], c); go sum(s[len(s)/2:], c); x, y := <-c, <-c}. */
    @Go
    static int[] main() {
        int[] s = {7, 2, 8, -9, 4, 0};
        Chan<Integer> c = Chan.make();
        int half = s.length / 2;
        int end = s.length;
        go(() -> sum(s, 0, half, c));
        go(() -> sum(s, half, end, c));
        int x = c.recv();
        int y = c.recv();
        return new int[] {x, y};
    }

    static void show() {
        int[] xy = Jgo.run(SumGo.main());
        System.out.println("  x, y = " + xy[0] + ", " + xy[1] + " (the halves, in whichever order they arrived)");
        System.out.println("  x + y = " + (xy[0] + xy[1]));
    }
}
