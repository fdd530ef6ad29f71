package io.jgo.sample;

import static io.jgo.Jgo.afterFunc;
import static io.jgo.Jgo.go;
import static io.jgo.Jgo.sleep;

import io.jgo.CancelContext;
import io.jgo.Chan;
import io.jgo.Context;
import io.jgo.ErrGroup;
import io.jgo.GoConsumer;
import io.jgo.GoFunction;
import io.jgo.GoRunnable;
import io.jgo.Jgo;
import io.jgo.Once;
import io.jgo.WaitGroup;
import io.jgo.annotation.Go;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Chapter "closures": a Go program that passes functions around, translated line for line
 * ({@code sample-app/go/closures/main.go} is the original; both print the same). A helper that
 * takes a closure, a retry loop, {@code time.AfterFunc}, {@code sync.Once}, an errgroup,
 * {@code context.AfterFunc} and a recursive closure: every one of these functions may block,
 * and here each is a suspending function type ({@link GoRunnable}, {@link GoConsumer},
 * {@link GoFunction}) whose body suspends instead of holding a thread. Go's {@code error}
 * results are exceptions.
 */
final class Closures {
    private Closures() {
    }

    /** {@code func guard(name string, f func() error)}: a helper that takes a closure. */
    @Go
    static void guard(String name, GoRunnable f) {
        try {
            f.run();
        } catch (Exception err) {
            System.out.printf("%s: failed: %s%n", name, err.getMessage());
            return;
        }
        System.out.printf("%s: ok%n", name);
    }

    /** {@code func retry(n int, f func(attempt int) error) error}. */
    @Go
    static Exception retry(int n, GoConsumer<Integer> f) {
        Exception err = null;
        for (int i = 1; i <= n; i++) {
            try {
                f.accept(i);
                return null;
            } catch (Exception e) {
                err = e;
            }
            sleep(Duration.ofMillis(1));
        }
        return err;
    }

    @Go
    static void main() throws Exception {
        Chan<String> results = Chan.make();
        go(() -> {
            for (String r : List.of("a", "b", "c")) {
                results.send(r);
            }
        });
        guard("receive two", () -> {
            System.out.println("got " + results.recv() + " " + results.recv());
        });
        guard("receive one more", () -> {
            String r = results.recv();
            throw new Exception("nothing after " + r);
        });

        Exception err = retry(3, attempt -> {
            System.out.println("attempt " + attempt);
            if (attempt < 3) {
                throw new Exception("not yet");
            }
        });
        System.out.println("retry done, error: " + (err != null));

        Chan<String> fired = Chan.make();
        afterFunc(Duration.ofMillis(5), () -> fired.send("timer fired"));
        System.out.println(fired.recv());

        Once once = new Once();
        WaitGroup wg = new WaitGroup();
        String[] config = {""};
        for (int i = 0; i < 3; i++) {
            wg.add(1);
            go(() -> {
                try {
                    once.run(() -> {
                        sleep(Duration.ofMillis(5));
                        config[0] = "loaded";
                    });
                } finally {
                    wg.done();
                }
            });
        }
        wg.await();
        System.out.println("config: " + config[0]);

        ErrGroup g = new ErrGroup();
        int[] sums = new int[3];
        for (int i = 0; i < 3; i++) {
            int n = i;
            g.go(() -> {
                sleep(Duration.ofMillis(n));
                if (n == 2) {
                    throw new Exception("part " + n + " failed");
                }
                sums[n] = (n + 1) * 10;
            });
        }
        System.out.println("errgroup: " + g.await().getMessage() + " " + sums[0] + " " + sums[1] + " " + sums[2]);

        CancelContext ctx = Context.withCancel(Context.background());
        Chan<String> stopped = Chan.make();
        Context.afterFunc(ctx, () -> stopped.send("context done: " + ctx.err().getMessage()));
        ctx.cancel();
        System.out.println(stopped.recv());

        AtomicReference<GoFunction<Integer, Integer>> fib = new AtomicReference<>();
        fib.set(n -> {
            if (n < 2) {
                return n;
            }
            return fib.get().apply(n - 1) + fib.get().apply(n - 2);
        });
        System.out.println("fib(20) = " + fib.get().apply(20));
    }

    static void show() {
        Jgo.run(ClosuresGo.main());
    }
}
