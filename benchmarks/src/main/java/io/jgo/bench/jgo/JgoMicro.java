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

    /**
     * n calls of an overridable {@code @Go} method that never suspends, on {@code receiver}: the
     * call goes through the entry point's virtual dispatch (a receiver of the declaring class takes
     * its fast path, one of a subclass that overrides it finds the override's entry point).
     */
    @Go
    static long virtualCalls(Adder receiver, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += receiver.add(i);
        }
        return sum;
    }

    /** A class whose {@code @Go} method subclasses may override. */
    static class Adder {
        @Go
        int add(int x) {
            return x + 1;
        }
    }

    /** Overrides {@link Adder#add}: a call on it runs this frame through the virtual dispatch. */
    static class TwoAdder extends Adder {
        @Go
        @Override
        int add(int x) {
            return x + 2;
        }
    }
}
