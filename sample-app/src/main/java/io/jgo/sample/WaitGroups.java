package io.jgo.sample;

import static io.jgo.Jgo.go;
import static io.jgo.Jgo.sleep;

import io.jgo.Jgo;
import io.jgo.WaitGroup;
import io.jgo.annotation.Go;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chapter "waitgroup": many goroutines, each sleeping a little, and a {@link WaitGroup} that
 * waits for all of them: Go by Example's "WaitGroups" at a larger scale.
 */
final class WaitGroups {
    static final int GOROUTINES = 10_000;

    private WaitGroups() {
    }

    /** {@code defer wg.Done(); time.Sleep(time.Millisecond); finished.Add(1)}. */
    @Go
    static void worker(WaitGroup wg, AtomicInteger finished) {
        try {
            sleep(Duration.ofMillis(10)); // parks the goroutine; its carrier runs others
            finished.incrementAndGet();
        } finally {
            wg.done();
        }
    }

    @Go
    static int main(int n) {
        WaitGroup wg = new WaitGroup();
        AtomicInteger finished = new AtomicInteger();
        for (int i = 0; i < n; i++) {
            wg.add(1);
            go(() -> worker(wg, finished));
        }
        int peak = Jgo.numGoroutine();
        wg.await();
        System.out.println("  goroutines alive while they slept: " + peak);
        return finished.get();
    }

    static void show() {
        long t0 = System.nanoTime();
        int finished = Jgo.run(WaitGroupsGo.main(GOROUTINES));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("  " + finished + " of " + GOROUTINES + " goroutines slept 10 ms each and called wg.done()");
        System.out.println("  wall time " + ms + " ms on " + Jgo.gomaxprocs(0) + " Ps: sleeping goroutines hold no thread");
    }
}
