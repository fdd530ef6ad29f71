package p;

import io.jgo.*; import io.jgo.annotation.Go;
import static io.jgo.Jgo.*;
import java.util.*;
import java.util.concurrent.atomic.*;
import java.util.function.*;

/**
 * Loops without a suspension point: preemptible like Go's. Each scenario returns a trace that
 * must be the same as goroutines and as plain Java threads.
 */
public class Preemption {

    /** Makes the calling goroutine's next loop check yield, as the monitor does after 10 ms. */
    static void preempt() {
        io.jgo.internal.PreemptForTests.request();
    }

    // ---------------------------------------------------------------- spinners (no channel op)

    @Go static long spinWhile(AtomicBoolean stop) {
        long n = 0;
        while (!stop.get()) {
            n++;
        }
        return n;
    }

    @Go static long spinFor(AtomicBoolean stop) {
        long n = 0;
        for (;;) {
            if (stop.get()) {
                break;
            }
            n++;
        }
        return n;
    }

    @Go static long spinDo(AtomicBoolean stop) {
        long n = 0;
        do {
            n += 2;
        } while (!stop.get());
        return n;
    }

    @Go static long spinNested(AtomicBoolean stop) {
        long n = 0;
        outer:
        while (true) {
            for (int i = 0; i < 1000; i++) {
                n += i;
                if (stop.get()) {
                    break outer;
                }
            }
        }
        return n;
    }

    @Go static long spinForEach(AtomicBoolean stop) {
        int[] xs = new int[64];
        long n = 0;
        while (!stop.get()) {
            for (int x : xs) {
                n += x + 1;
            }
        }
        return n;
    }

    @Go static long spinIn(int kind, AtomicBoolean stop) {
        return switch (kind) {
            case 0 -> spinWhile(stop);
            case 1 -> spinFor(stop);
            case 2 -> spinDo(stop);
            case 3 -> spinNested(stop);
            default -> spinForEach(stop);
        };
    }

    /**
     * Whether the spinner of the last noStarvation still had the monitor's request to yield
     * pending when the other goroutine ran. On one P, the other one runs after the monitor asked
     * the spinner, and a preemptible loop consumes the request by yielding its P. Were the loop
     * not preemptible, the scenario would end as well, because the monitor hands the P of a
     * goroutine that ignores the request to another thread; it does the same when the spinner's
     * carrier blocks for a millisecond (a class being loaded), so a single run may see the
     * request pending. Not part of the compared result: false as plain Java.
     */
    static volatile boolean requestStillPending;

    /**
     * A spinner and another goroutine that can only run if the spinner is preempted (run with
     * GOMAXPROCS=1): the other one finishes while the spinner still spins, then stops it.
     */
    @Go static String noStarvation(int kind) {
        AtomicReference<Object> spinner = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean spinnerDone = new AtomicBoolean();
        if (kind < 5) {
            spinIn(kind, new AtomicBoolean(true)); // loads the spinner's classes here
        }
        Chan<Boolean> started = Chan.make(1);
        Chan<String> results = Chan.make(2);
        if (kind == 5) {
            go(() -> { // a spawned block: a frame of its own, with its own checks
                spinner.set(io.jgo.internal.PreemptForTests.current());
                started.send(true);
                long n = 0;
                while (!stop.get()) {
                    n++;
                }
                spinnerDone.set(true);
                results.send("spinner stopped after " + (n >= 0 ? "some" : "no") + " iterations");
            });
        } else {
            go(() -> {
                spinner.set(io.jgo.internal.PreemptForTests.current());
                started.send(true);
                long n = spinIn(kind, stop);
                spinnerDone.set(true);
                results.send("spinner stopped after " + (n >= 0 ? "some" : "no") + " iterations");
            });
        }
        go(() -> {
            started.recv();
            requestStillPending = io.jgo.internal.PreemptForTests.pending(spinner.get());
            results.send("other done while the spinner spins: " + !spinnerDone.get());
            stop.set(true);
        });
        return results.recv() + "; " + results.recv();
    }

    // ---------------------------------------------------------------- the preemption path, forced

    @Go static String whileAndDo() {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        long acc = 1;
        while (i < 6) {
            preempt();
            acc = acc * 3 + i;
            i++;
            if (i == 2) {
                continue;
            }
            sb.append(i).append(',');
        }
        int j = 10;
        do {
            preempt();
            j -= 3;
            if (j == 4) {
                continue;
            }
            sb.append(j).append(';');
        } while (j > 0);
        return sb + " acc=" + acc + " i=" + i + " j=" + j;
    }

    @Go static String forLoopsWithLiveLocals(int n) {
        String s = "";
        long total = 0;
        for (int i = 0, k = n; i < n; i++, k--) {
            preempt();
            total += (long) i * k;
            s += i % 3;
        }
        int after = (int) total + s.length();
        return s + " total=" + total + " after=" + after;
    }

    @Go static String forEachCapturing() {
        List<Supplier<String>> fs = new ArrayList<>();
        int[] arr = {3, 1, 4, 1, 5};
        for (int x : arr) {
            preempt();
            fs.add(() -> "a" + x);
        }
        for (String w : List.of("p", "q", "r")) {
            preempt();
            fs.add(() -> w + w);
        }
        StringBuilder sb = new StringBuilder();
        for (Supplier<String> f : fs) {
            sb.append(f.get()).append(' ');
        }
        return sb.toString();
    }

    @Go static String labelledNested() {
        StringBuilder sb = new StringBuilder();
        int count = 0;
        outer:
        for (int i = 0; i < 5; i++) {
            inner:
            for (int j = 0; j < 5; j++) {
                preempt();
                count++;
                if (j == i) {
                    continue outer;
                }
                if (i + j == 6) {
                    break outer;
                }
                if (j == 3) {
                    break inner;
                }
                sb.append(i).append(j).append(' ');
            }
            sb.append('|');
        }
        return sb + " count=" + count;
    }

    @Go static String loopsInTryAndSwitch(int n) {
        StringBuilder sb = new StringBuilder();
        try {
            int k = 0;
            while (true) {
                preempt();
                if (++k > n) {
                    throw new IllegalStateException("k=" + k);
                }
            }
        } catch (IllegalStateException e) {
            sb.append("caught ").append(e.getMessage());
        } finally {
            sb.append(" finally");
        }
        int y = switch (n % 3) {
            case 0 -> {
                int s = 0;
                for (int i = 0; i < n; i++) {
                    preempt();
                    s += i;
                }
                yield s;
            }
            case 1 -> {
                int s = 1;
                int i = 0;
                while (i < n) {
                    preempt();
                    s *= 2;
                    i++;
                }
                yield s;
            }
            default -> -1;
        };
        return sb + " y=" + y;
    }

    @Go static int earlyReturnFromLoop(int[] xs, int wanted) {
        for (int i = 0; i < xs.length; i++) {
            preempt();
            if (xs[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    @Go static String loopsAroundSuspensions(Chan<Integer> ch) {
        StringBuilder sb = new StringBuilder();
        int sum = 0;
        for (int round = 0; round < 3; round++) {
            int local = round * 10;
            for (int i = 0; i < 4; i++) { // no suspension: a Java loop inside a lowered one
                preempt();
                local += i;
            }
            ch.send(local);
            sum += ch.recv();
            sb.append(local).append(' ');
        }
        return sb + "sum=" + sum;
    }

    @Go static String forcedPaths() {
        int[] xs = {5, 7, 9};
        return whileAndDo() + " | " + forLoopsWithLiveLocals(7) + " | " + forEachCapturing() + " | "
                + labelledNested() + " | " + loopsInTryAndSwitch(3) + " | " + loopsInTryAndSwitch(4) + " | "
                + loopsInTryAndSwitch(5) + " | " + earlyReturnFromLoop(xs, 9) + earlyReturnFromLoop(xs, 1) + " | "
                + loopsAroundSuspensions(Chan.make(1));
    }
}
