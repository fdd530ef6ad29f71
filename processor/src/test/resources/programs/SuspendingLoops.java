package p;

import io.jgo.*; import io.jgo.annotation.Go;
import static io.jgo.Jgo.*;
import java.util.concurrent.atomic.*;

/**
 * Loops that contain a suspension point which never parks: a call of a {@code @Go} method that
 * returns at once, and a receive from a buffered channel that is never empty. Such a loop gives
 * up its P only through the preemption check on its back-edge.
 */
public class SuspendingLoops {

    /** A suspension point (a {@code @Go} call) that returns without parking. */
    @Go static void helper(AtomicLong n) {
        n.incrementAndGet();
    }

    @Go static long whileCalling(AtomicBoolean stop) {
        AtomicLong n = new AtomicLong();
        while (!stop.get()) {
            helper(n);
        }
        return n.get();
    }

    @Go static long whileReceiving(AtomicBoolean stop) {
        Chan<Integer> ch = Chan.make(1);
        ch.send(1);
        long n = 0;
        while (!stop.get()) {
            int v = ch.recv(); // never empty: the element goes straight back
            ch.send(v);
            n += v;
        }
        return n;
    }

    @Go static long forCalling(AtomicBoolean stop) {
        AtomicLong n = new AtomicLong();
        for (int i = 0;; i++) {
            if (stop.get()) {
                break;
            }
            helper(n);
        }
        return n.get();
    }

    @Go static long doReceiving(AtomicBoolean stop) {
        Chan<Integer> ch = Chan.make(2);
        ch.send(1);
        ch.send(2);
        long n = 0;
        do {
            int v = ch.recv();
            ch.send(v);
            n += v;
        } while (!stop.get());
        return n;
    }

    @Go static long rangeReceiving(AtomicBoolean stop) {
        Chan<Integer> ch = Chan.make(1);
        ch.send(1);
        long n = 0;
        for (int v : ch) { // a range over a channel that is never empty
            if (stop.get()) {
                break;
            }
            ch.send(v);
            n += v;
        }
        return n;
    }

    @Go static long spinIn(int kind, AtomicBoolean stop) {
        return switch (kind) {
            case 0 -> whileCalling(stop);
            case 1 -> whileReceiving(stop);
            case 2 -> forCalling(stop);
            case 3 -> doReceiving(stop);
            default -> rangeReceiving(stop);
        };
    }

    /**
     * Whether the spinner of the last noStarvation was running, on another carrier, when the
     * other goroutine ran. On one P that is only possible after the monitor retook the P from
     * the spinner's carrier, which it does for a goroutine that ignores its request to yield
     * (and for a carrier blocked a millisecond, a class being loaded). Not part of the compared
     * result: false as plain Java.
     */
    static volatile boolean spinnerStillRunning;

    /**
     * A spinner and another goroutine that can only run on the same P if the spinner yields (run
     * with GOMAXPROCS=1): the other one finishes while the spinner still spins, then stops it.
     */
    @Go static String noStarvation(int kind) {
        AtomicReference<Object> spinner = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean spinnerDone = new AtomicBoolean();
        spinIn(kind, new AtomicBoolean(true)); // loads the spinner's classes here
        Chan<Boolean> started = Chan.make(1);
        Chan<String> results = Chan.make(2);
        go(() -> {
            spinner.set(io.jgo.internal.PreemptForTests.current());
            started.send(true);
            long n = spinIn(kind, stop);
            spinnerDone.set(true);
            results.send("spinner stopped after " + (n >= 0 ? "some" : "no") + " iterations");
        });
        go(() -> {
            started.recv();
            spinnerStillRunning = io.jgo.internal.PreemptForTests.running(spinner.get());
            results.send("other done while the spinner spins: " + !spinnerDone.get());
            stop.set(true);
        });
        return results.recv() + "; " + results.recv();
    }
}
