package demo.app;

import static io.jgo.Jgo.go;

import demo.lib.Lib;
import io.jgo.Chan;
import io.jgo.DeadlockException;
import io.jgo.Jgo;
import io.jgo.annotation.Go;

/** An application whose @Go code calls the @Go methods of another jar (demo.lib.Lib). */
public final class App {
    private App() {
    }

    /** Spawns the library's producer and calls the library's sum: a suspending cross-jar call. */
    @Go
    static long total(int n) {
        Chan<Integer> ch = Chan.make();
        go(() -> Lib.produce(n, ch));
        return Lib.sum(ch);
    }

    /** Calls into the library, which waits forever: the deadlock dump shows both frames. */
    @Go
    static String stuck() {
        Chan<String> never = Chan.make();
        String s = Lib.waitFor(never);
        return "unreachable " + s;
    }

    public static void main(String[] args) {
        int before = Jgo.gomaxprocs(1); // one P: a blocking (untransformed) call would stall it
        System.out.println("total=" + Jgo.run(AppGo.total(1000)));
        Jgo.gomaxprocs(before);
        try {
            System.out.println("no deadlock: " + Jgo.run(AppGo.stuck()));
        } catch (DeadlockException e) {
            System.out.println("deadlock dump:");
            System.out.println(e.dump());
        }
    }
}
