package demo;

import static io.jgo.Jgo.after;
import static io.jgo.Jgo.go;
import static io.jgo.Jgo.select;

import io.jgo.Case;
import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.Mutex;
import io.jgo.RecvCase;
import io.jgo.WaitGroup;
import io.jgo.annotation.Go;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A consumer of jgo built with plain javac: output is deterministic, checked line by line. */
public class Demo {
    private final Mutex mu = new Mutex();
    private final List<String> log = new ArrayList<>(); // guarded by mu

    @Go
    static void produce(int n, Chan<Integer> out) {
        for (int i = 1; i <= n; i++) {
            out.send(i);
        }
        out.close();
    }

    @Go
    static long sum(Chan<Integer> in) {
        long total = 0;
        for (int v : in) {
            total += v;
        }
        return total;
    }

    /** An instance @Go method that suspends on a Mutex inside try/finally. */
    @Go
    void note(String s, WaitGroup wg) {
        mu.lock();
        try {
            log.add(s);
        } finally {
            mu.unlock();
            wg.done();
        }
    }

    @Go
    static String firstOrTimeout(Chan<String> c, Duration timeout) {
        RecvCase<String> got = c.onRecv();
        RecvCase<java.time.Instant> late = after(timeout).onRecv();
        Case fired = select(new Case[] {got, late});
        return fired == got ? got.value() : "timeout";
    }

    @Go
    static String main() {
        Chan<Integer> ch = Chan.make(4);
        go(() -> produce(100, ch));
        long total = sum(ch);

        Demo d = new Demo();
        WaitGroup wg = new WaitGroup();
        wg.add(50);
        for (int i = 0; i < 50; i++) {
            String s = "n" + i;
            go(() -> d.note(s, wg));
        }
        wg.await();
        int notes;
        d.mu.lock();
        try {
            notes = d.log.size();
        } finally {
            d.mu.unlock();
        }

        Chan<String> never = Chan.make();
        String t = firstOrTimeout(never, Duration.ofMillis(20));
        Chan<String> ready = Chan.make(1);
        ready.send("ready");
        String r = firstOrTimeout(ready, Duration.ofSeconds(30));
        return "sum=" + total + "\nnotes=" + notes + "\nselect=" + t + "," + r;
    }

    public static void main(String[] args) {
        String asGoroutines = Jgo.run(DemoGo.main());
        System.out.println(asGoroutines);
        // The same @Go method called as plain Java: channels block this thread, go(...) starts
        // platform threads. Its meaning must not change.
        String asThreads = main();
        System.out.println("as threads: " + (asThreads.equals(asGoroutines) ? "same" : "DIFFERENT:\n" + asThreads));
        System.out.println("java=" + Runtime.version().feature());
    }
}
