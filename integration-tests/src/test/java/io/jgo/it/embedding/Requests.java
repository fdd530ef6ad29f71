package io.jgo.it.embedding;

import static io.jgo.Jgo.go;

import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.WaitGroup;
import io.jgo.annotation.Go;
import java.time.Duration;

/** Request handlers of the embedded-server trial: each request is one root of goroutines. */
final class Requests {
    private Requests() {
    }

    /** A normal request: fans out to a few goroutines and sums what they send back. */
    @Go
    static int handle(int n) {
        Chan<Integer> results = Chan.make();
        for (int i = 0; i < 4; i++) {
            int k = i;
            go(() -> results.send(n + k));
        }
        int sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += results.recv();
        }
        return sum;
    }

    /** A request whose fire-and-forget helper throws while the handler waits for it. */
    @Go
    static int panics(int n) {
        Chan<Integer> never = Chan.make();
        go(() -> explode(n));
        return never.recv();
    }

    @Go
    static void explode(int n) {
        Jgo.sleep(Duration.ofMillis(1));
        throw new IllegalStateException("request " + n + " failed in a helper goroutine");
    }

    /** A request that waits for a message nobody will ever send. */
    @Go
    static int deadlocks() {
        Chan<Integer> never = Chan.make();
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        go(() -> {
            never.recv(); // a helper stuck too
            wg.done();
        });
        wg.await();
        return 0;
    }

    /** Blocks its carrier thread once, the way untransformed library code would. */
    @Go
    static void blockOnce(Chan<Boolean> done) throws Exception {
        Jgo.blocking(() -> {
            Thread.sleep(20);
            return null;
        });
        done.send(true);
    }

    /** Hands values between goroutines of two runtimes through one channel. */
    @Go
    static int pingPong(Chan<Integer> ping, Chan<Integer> pong, int rounds) {
        int last = 0;
        for (int i = 0; i < rounds; i++) {
            ping.send(i);
            last = pong.recv();
        }
        return last;
    }

    @Go
    static int echo(Chan<Integer> ping, Chan<Integer> pong, int rounds) {
        for (int i = 0; i < rounds; i++) {
            pong.send(ping.recv() + 1);
        }
        return rounds;
    }

    /** Parks forever (until its runtime closes). */
    @Go
    static int parkForever() {
        Chan<Integer> never = Chan.make();
        return never.recv();
    }
}
