package demo.maven;

import static io.jgo.Jgo.go;

import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.WaitGroup;
import io.jgo.annotation.Go;
import java.util.concurrent.atomic.AtomicInteger;

/** A Maven consumer of jgo: the processor runs from annotationProcessorPaths. */
public final class Main {
    private Main() {
    }

    @Go
    static void square(int i, Chan<Integer> out, WaitGroup wg) {
        out.send(i * i);
        wg.done();
    }

    @Go
    static void closeWhenDone(WaitGroup wg, Chan<Integer> out) {
        wg.await();
        out.close();
    }

    @Go
    static int sumOfSquares(int n) {
        Chan<Integer> out = Chan.make();
        WaitGroup wg = new WaitGroup();
        wg.add(n);
        for (int i = 1; i <= n; i++) {
            int k = i;
            go(() -> square(k, out, wg));
        }
        go(() -> closeWhenDone(wg, out));
        int total = 0;
        for (int v : out) {
            total += v;
        }
        return total;
    }

    public static void main(String[] args) {
        System.out.println("sumOfSquares=" + Jgo.run(MainGo.sumOfSquares(100)));
        System.out.println("java=" + Runtime.version().feature());
    }
}
