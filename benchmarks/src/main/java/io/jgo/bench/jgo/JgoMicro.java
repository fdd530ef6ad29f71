package io.jgo.bench.jgo;

import static io.jgo.Jgo.go;
import static io.jgo.Jgo.gosched;
import static io.jgo.Jgo.select;
import static io.jgo.Jgo.sleep;

import io.jgo.Case;
import io.jgo.Chan;
import io.jgo.annotation.Go;
import java.time.Duration;

/** The {@code @Go} bodies of the JMH microbenchmarks ({@link JgoMicroBenchmarks}): each does {@code n} operations. */
final class JgoMicro {
    private static final Duration ONE_NANO = Duration.ofNanos(1);

    private JgoMicro() {
    }

    /** n goroutines spawned, each ending by a send on a buffered channel that the spawner drains. */
    @Go
    static int spawn(int n) {
        Chan<Boolean> done = Chan.make(n);
        for (int i = 0; i < n; i++) {
            go(() -> finish(done));
        }
        for (int i = 0; i < n; i++) {
            done.recv();
        }
        return n;
    }

    @Go
    static void finish(Chan<Boolean> done) {
        done.send(true);
    }

    /** n selects over two channels, one of which always has a value buffered. */
    @Go
    static long select2(int n) {
        Chan<Integer> ready = Chan.make(1);
        Chan<Integer> idle = Chan.make();
        var a = ready.onRecv();
        var b = idle.onRecv();
        Case[] cases = {a, b};
        long sum = 0;
        for (int i = 0; i < n; i++) {
            ready.send(i);
            var fired = select(cases);
            if (fired == a) {
                sum += a.value();
            }
        }
        return sum;
    }

    /** n sleeps of 1 ns: each arms a runtime timer, parks, and is resumed by it. */
    @Go
    static int sleeps(int n) {
        for (int i = 0; i < n; i++) {
            sleep(ONE_NANO);
        }
        return n;
    }

    /** n yields: each is one suspend-and-resume cycle through the run queue. */
    @Go
    static int yields(int n) {
        for (int i = 0; i < n; i++) {
            gosched();
        }
        return n;
    }

    /** n calls of a {@code @Go} method that never suspends: one frame allocation and resume each. */
    @Go
    static long goCalls(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += addOne(i);
        }
        return sum;
    }

    @Go
    static int addOne(int x) {
        return x + 1;
    }
}
