package demo.modular;

import static io.jgo.Jgo.after;
import static io.jgo.Jgo.go;
import static io.jgo.Jgo.select;

import io.jgo.Chan;
import io.jgo.DeadlockException;
import io.jgo.Jgo;
import io.jgo.RecvCase;
import io.jgo.annotation.Go;
import java.time.Duration;

/** A modular consumer of jgo, built with javac on the module path and run with java -m. */
public final class Main {
    private Main() {
    }

    @Go
    static void produce(int from, int to, Chan<Integer> out) {
        for (int i = from; i <= to; i++) {
            out.send(i);
        }
        out.close();
    }

    /** Fan-in of two producers with select; a closed channel's case is switched off with a nil channel. */
    @Go
    static long merge(Chan<Integer> a, Chan<Integer> b) {
        long total = 0;
        int open = 2;
        while (open > 0) {
            RecvCase<Integer> fromA = a.onRecv();
            RecvCase<Integer> fromB = b.onRecv();
            RecvCase<Integer> got = select(fromA, fromB) == fromA ? fromA : fromB;
            if (got.ok()) {
                total += got.value();
            } else {
                open--;
                if (got == fromA) {
                    a = Chan.nil();
                } else {
                    b = Chan.nil();
                }
            }
        }
        return total;
    }

    @Go
    static String run() {
        Chan<Integer> a = Chan.make();
        Chan<Integer> b = Chan.make(8);
        go(() -> produce(1, 50, a));
        go(() -> produce(51, 100, b));
        long sum = merge(a, b);

        RecvCase<String> never = Chan.<String>make().onRecv();
        RecvCase<java.time.Instant> late = after(Duration.ofMillis(20)).onRecv();
        String timeout = select(never, late) == late ? "timeout" : "value";
        return "sum=" + sum + "\nselect=" + timeout;
    }

    /** Waits forever: the deadlock dump names this frame. */
    @Go
    static String stuck() {
        Chan<String> nobody = Chan.make();
        return nobody.recv();
    }

    public static void main(String[] args) {
        System.out.println(Jgo.run(MainGo.run()));
        try {
            System.out.println("no deadlock: " + Jgo.run(MainGo.stuck()));
        } catch (DeadlockException e) {
            System.out.println("deadlock: " + (e.dump().contains("demo.modular.Main.stuck") ? "dump names stuck" : e.dump()));
        }
        System.out.println("modules: " + Main.class.getModule().getName() + " uses " + Chan.class.getModule().getName());
        System.out.println("java=" + Runtime.version().feature());
    }
}
