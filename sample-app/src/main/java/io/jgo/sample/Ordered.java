package io.jgo.sample;

import static io.jgo.Jgo.go;

import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.WaitGroup;
import io.jgo.annotation.Go;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Chapter "ordered": ten goroutines print 0..9 in order because each waits for a trigger on its
 * own channel and then triggers the next one. Then the same ten goroutines without triggers under
 * {@code GOMAXPROCS=1}: the order is the scheduler's, and like Go's it is 9 0 1 ... 8, because a
 * newly spawned goroutine goes to its P's {@code runnext} slot (pushing the previous one to the
 * run queue's tail) and runs as soon as the spawner blocks.
 */
final class Ordered {
    private Ordered() {
    }

    /** {@code <-mine; fmt.Print(i); next <- struct{}{}}. */
    @Go
    static void inTurn(int i, Chan<Boolean> mine, Chan<Boolean> next, List<Integer> out) {
        mine.recv();
        out.add(i);
        next.send(true);
    }

    /** Ten goroutines chained by channels; main pulls the first trigger and waits for the last. */
    @Go
    static List<Integer> chained() {
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        Chan<Boolean> first = Chan.make();
        Chan<Boolean> mine = first;
        for (int i = 0; i < 10; i++) {
            Chan<Boolean> next = Chan.make();
            int id = i;
            Chan<Boolean> in = mine;
            go(() -> inTurn(id, in, next, out));
            mine = next;
        }
        first.send(true);  // start goroutine 0
        mine.recv();       // goroutine 9 triggered "the eleventh": all done
        return out;
    }

    /** {@code defer wg.Done(); record(i)}. */
    @Go
    static void record(int i, List<Integer> out, WaitGroup wg) {
        out.add(i);
        wg.done();
    }

    /** {@code for i := 0; i < 10; i++ { go record(i) }; wg.Wait()}: the scheduler picks the order. */
    @Go
    static List<Integer> spawnOrder() {
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        WaitGroup wg = new WaitGroup();
        wg.add(10);
        for (int i = 0; i < 10; i++) {
            int id = i;
            go(() -> record(id, out, wg));
        }
        wg.await();
        return out;
    }

    static void show() {
        System.out.println("  chained by channels:  " + join(Jgo.run(OrderedGo.chained())));
        int before = Jgo.gomaxprocs(1);
        try {
            // A first run loads the classes involved. The order below holds as long as the spawning
            // goroutine is not preempted in the middle of its loop (asked after 10 ms of running,
            // as in Go): loading classes there would widen that window for no reason.
            Jgo.run(OrderedGo.spawnOrder());
            System.out.println("  GOMAXPROCS=1, no triggers: " + join(Jgo.run(OrderedGo.spawnOrder()))
                    + "   (the last spawned runs first: runnext)");
        } finally {
            Jgo.gomaxprocs(before);
        }
    }

    private static String join(List<Integer> xs) {
        StringBuilder b = new StringBuilder();
        for (int x : xs) {
            b.append(b.length() == 0 ? "" : " ").append(x);
        }
        return b.toString();
    }
}
