package p;

import io.jgo.*; import io.jgo.annotation.Go;
import static io.jgo.Jgo.*;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Suspending function types: each method runs the same as plain Java and as a goroutine. */
public class Functions {

    @Go static void work(int v, Chan<Integer> out) {
        gosched();
        out.send(v);
    }

    /** Go: func guarded(name string, f func() error) — a helper that takes a closure. */
    @Go static String guarded(String name, GoRunnable f) {
        try {
            f.run();
            return name + " ok";
        } catch (Exception e) {
            return name + " failed: " + e.getMessage();
        }
    }

    @Go static <T, R> List<R> mapAll(List<T> xs, GoFunction<T, R> f) throws Exception {
        List<R> out = new ArrayList<>();
        for (T x : xs) {
            out.add(f.apply(x));
        }
        return out;
    }

    /** Stored, then called many times; it captures a parameter and a local. */
    @Go static String storedAndCalledManyTimes(int k) throws Exception {
        Chan<Integer> out = Chan.make(100);
        int base = 1000;
        GoConsumer<Integer> send = v -> {
            gosched();
            out.send(base + v * k);
        };
        for (int i = 0; i < 5; i++) {
            send.accept(i);
        }
        out.close();
        StringBuilder b = new StringBuilder();
        for (int v : out) {
            b.append(v).append(' ');
        }
        return b.toString().trim();
    }

    /** Passed to a @Go helper that calls it; the closure suspends (unbuffered channel). */
    @Go static String passedToHelpers() {
        Chan<String> ch = Chan.make();
        go(() -> {
            for (int i = 0; i < 3; i++) {
                ch.send("m" + i);
            }
        });
        List<String> got = new ArrayList<>();
        String a = guarded("recv", () -> {
            got.add(ch.recv());
            got.add(ch.recv());
        });
        String b = guarded("fail", () -> {
            got.add(ch.recv());
            throw new IOException("disk " + got.size());
        });
        return a + "; " + b + "; " + got;
    }

    /** A result-bearing function with an expression body, and one with a block body. */
    @Go static String callablesAndFunctions() throws Exception {
        Chan<Integer> ch = Chan.make(3);
        ch.send(4);
        ch.send(5);
        ch.send(6);
        GoCallable<Integer> next = () -> ch.recv();
        GoFunction<Integer, Integer> square = x -> {
            sleep(Duration.ofMillis(1));
            return x * x;
        };
        GoBiFunction<Integer, Integer, String> add = (a, b) -> a + "+" + b + "=" + (a + b + next.call());
        int first = next.call();
        return first + " " + square.apply(first) + " " + add.apply(1, 2) + " " + mapAll(List.of(1, 2, 3), square);
    }

    /** Recursion through a stored function: every level suspends. */
    @Go static int recursive(int n) throws Exception {
        AtomicReference<GoFunction<Integer, Integer>> fib = new AtomicReference<>();
        fib.set(x -> {
            gosched();
            return x < 2 ? x : fib.get().apply(x - 1) + fib.get().apply(x - 2);
        });
        return fib.get().apply(n);
    }

    /** Made in one goroutine, called in others; the function parks on a channel in each. */
    @Go static String calledFromAnotherGoroutine() throws Exception {
        Chan<Integer> results = Chan.make();
        Chan<Integer> gate = Chan.make();
        GoFunction<Integer, Integer> waitAndAdd = v -> gate.recv() + v;
        for (int i = 1; i <= 3; i++) {
            int v = i * 10;
            go(() -> {
                try {
                    results.send(waitAndAdd.apply(v));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        int sum = 0;
        for (int i = 0; i < 3; i++) {
            gate.send(i);
        }
        for (int i = 0; i < 3; i++) {
            sum += results.recv();
        }
        return "sum " + sum;
    }

    /** Go: once.Do(f) where f blocks; every caller waits for it. */
    @Go static String onceThatSuspends() {
        Once once = new Once();
        Chan<String> log = Chan.make(10);
        WaitGroup wg = new WaitGroup();
        int[] inits = {0};
        for (int i = 0; i < 4; i++) {
            wg.go(() -> {
                once.run(() -> {
                    sleep(Duration.ofMillis(2));
                    inits[0]++;
                    log.send("init");
                });
                log.send("after");
            });
        }
        wg.await();
        log.close();
        List<String> got = new ArrayList<>();
        for (String s : log) {
            got.add(s);
        }
        return inits[0] + " " + got;
    }

    /** Go: time.AfterFunc(d, func() { ch <- x }). */
    @Go static String afterFuncSends() {
        Chan<String> ch = Chan.make();
        String what = "fired";
        Timer t = afterFunc(Duration.ofMillis(1), () -> ch.send(what));
        Timer never = afterFunc(Duration.ofMinutes(10), () -> ch.send("never"));
        boolean stopped = never.stop();
        return ch.recv() + " stopped=" + stopped;
    }

    /** Go: errgroup with g.Go(func() error { ... }). */
    @Go static String errGroup() {
        ErrGroup g = new ErrGroup();
        Chan<Integer> ch = Chan.make(10);
        for (int i = 0; i < 3; i++) {
            int n = i;
            g.go(() -> {
                sleep(Duration.ofMillis(n));
                ch.send(n);
                if (n == 1) {
                    throw new IOException("task " + n);
                }
            });
        }
        Throwable err = g.await();
        ch.close();
        int sum = 0;
        for (int v : ch) {
            sum += v;
        }
        return sum + " " + err;
    }

    /** Go 1.25: wg.Go(f). */
    @Go static int waitGroupGo() {
        WaitGroup wg = new WaitGroup();
        Mutex mu = new Mutex();
        int[] total = {0};
        for (int i = 1; i <= 10; i++) {
            int n = i;
            wg.go(() -> {
                gosched();
                mu.lock();
                try {
                    total[0] += n;
                } finally {
                    mu.unlock();
                }
            });
        }
        wg.await();
        return total[0];
    }

    /** Go: context.AfterFunc(ctx, f). */
    @Go static String contextAfterFunc() {
        CancelContext ctx = Context.withCancel(Context.background());
        Chan<String> ch = Chan.make();
        Context.Stop stop = Context.afterFunc(ctx, () -> ch.send("after cancel: " + ctx.err().getMessage()));
        Context.Stop stopped = Context.afterFunc(ctx, () -> ch.send("never"));
        boolean s = stopped.stop();
        ctx.cancel();
        String got = ch.recv();
        return got + " stopped=" + s + " again=" + stop.stop();
    }

    /** Method references to suspending methods, as suspending function types. */
    @Go static String methodReferences() throws Exception {
        Chan<Integer> out = Chan.make(10);
        GoConsumer<Integer> send = out::send;
        GoCallable<Integer> recv = out::recv;
        GoBiConsumer<Integer, Chan<Integer>> w = Functions::work;
        GoConsumer<Duration> nap = Jgo::sleep;
        send.accept(1);
        w.accept(2, out);
        nap.accept(Duration.ofMillis(1));
        return recv.call() + "," + recv.call();
    }

    /** Checked exceptions pass through a function to its caller. */
    @Go static String checkedExceptions() {
        GoFunction<String, Integer> parse = s -> {
            gosched();
            if (s.isEmpty()) {
                throw new IOException("empty");
            }
            return Integer.parseInt(s);
        };
        try {
            return "parsed " + parse.apply("12") + " " + parse.apply("");
        } catch (Exception e) {
            return "caught " + e;
        }
    }

    /** go(...) inside plain lambdas, nested, capturing locals of the @Go method at each depth. */
    @Go static String goInsideNestedPlainLambdas() throws Exception {
        Chan<String> calls = Chan.make(3);
        String tag = "x";
        Runnable r = () -> go(() -> calls.send(tag + 1));
        r.run();
        int n = 2;
        Runnable outer = () -> {
            Runnable inner = () -> go(() -> calls.send(tag + n));
            inner.run();
        };
        outer.run();
        GoRunnable fn = () -> {
            Runnable deep = () -> go(() -> calls.send(tag + (n + 1)));
            deep.run();
        };
        fn.run();
        List<String> got = new ArrayList<>(List.of(calls.recv(), calls.recv(), calls.recv()));
        Collections.sort(got);
        return got.toString();
    }

    /** A function made by a @Go method and called from plain code runs on the calling thread. */
    @Go static String calledFromPlainCode() throws Exception {
        Chan<Integer> ch = Chan.make(2);
        int k = 3;
        GoFunction<Integer, Integer> f = v -> {
            ch.send(v * k);
            return ch.recv() + 1;
        };
        return plainCall(f, 5) + " " + f.apply(6);
    }

    static String plainCall(GoFunction<Integer, Integer> f, int v) {
        try {
            String before = Thread.currentThread().getName();
            int r = f.apply(v);
            return r + (Thread.currentThread().getName().equals(before) ? " same thread" : " other thread");
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    /** Functions that make functions: a closure over a closure. */
    @Go static String closuresOfClosures() throws Exception {
        Chan<Integer> ch = Chan.make(10);
        GoFunction<Integer, GoConsumer<Integer>> adder = k -> v -> ch.send(v + k);
        GoConsumer<Integer> add10 = adder.apply(10);
        GoConsumer<Integer> add20 = adder.apply(20);
        add10.accept(1);
        add20.accept(2);
        return ch.recv() + " " + ch.recv();
    }

    /** A function parameter used in an instance method, capturing this. */
    int offset = 7;

    @Go int instanceCapture(Chan<Integer> ch) throws Exception {
        GoFunction<Integer, Integer> plus = v -> {
            ch.send(v);
            return ch.recv() + offset;
        };
        return plus.apply(1);
    }

    @Go static int instanceCaptureDriver() throws Exception {
        return new Functions().instanceCapture(Chan.make(1));
    }

    /** Go: for { select { case v := <-in: ...; case v, ok := <-quit: ... } }, the bodies suspend. */
    @Go static String selectWithBodies() {
        Chan<Integer> in = Chan.make();
        Chan<String> quit = Chan.make();
        Chan<String> log = Chan.make(100);
        go(() -> {
            for (int i = 0; i < 3; i++) {
                in.send(i);
            }
            quit.send("bye");
        });
        boolean[] done = {false};
        while (!done[0]) {
            select(
                    in.onRecv(v -> {
                        gosched();
                        log.send("got " + v);
                    }),
                    quit.onRecvOk((v, ok) -> {
                        log.send(v + " " + ok);
                        done[0] = true;
                    }));
        }
        log.close();
        List<String> got = new ArrayList<>();
        for (String s : log) {
            got.add(s);
        }
        return got.toString();
    }

    /** default and a timeout are cases like the others; select still returns the fired case. */
    @Go static String selectDefaultAndTimeout() {
        Chan<Integer> ch = Chan.make();
        List<String> got = new ArrayList<>();
        Case c = select(ch.onRecv(v -> got.add("v" + v)), otherwise(() -> {
            sleep(Duration.ofMillis(1));
            got.add("default");
        }));
        select(ch.onRecv(() -> got.add("v")), timeout(Duration.ofMillis(2), () -> got.add("timeout")));
        Chan<Integer> buf = Chan.make(1);
        SendCase<Integer> send = buf.onSend(7, () -> got.add("sent"));
        Case fired = select(send, timeout(Duration.ofSeconds(10), () -> got.add("slow")));
        return got + " " + buf.recv() + " " + (c instanceof RecvCase) + " " + (fired == send);
    }

    /** A checked exception from a body comes out of select wrapped, both ways. */
    @Go static String selectBodyThrows() {
        Chan<Integer> ch = Chan.make(1);
        ch.send(1);
        try {
            select(ch.onRecv(v -> {
                gosched();
                throw new IOException("body " + v);
            }));
            return "no exception";
        } catch (java.lang.reflect.UndeclaredThrowableException e) {
            return "wrapped " + e.getCause().getMessage();
        }
    }

    /** The bare form with varargs, inside @Go code. */
    @Go static String bareVarargsSelect() {
        Chan<Integer> a = Chan.make(1);
        Chan<Integer> b = Chan.make(1);
        b.send(2);
        RecvCase<Integer> ra = a.onRecv();
        RecvCase<Integer> rb = b.onRecv();
        Case c = select(ra, rb);
        return c == rb ? "b " + rb.value() : "a";
    }

    @Go static <T> String generic(T x) throws Exception {
        Chan<T> ch = Chan.make(1);
        GoFunction<T, T> echo = v -> {
            ch.send(v);
            return ch.recv();
        };
        List<T> out = mapAll(List.of(x, x), echo);
        return out.toString();
    }

    @Go static int combine(GoFunction<Integer, Integer> f, int v) throws Exception {
        return f.apply(v);
    }

    /** A function evaluated before a later suspension in the same expression is spilled. */
    @Go static String spilledBeforeASuspension() throws Exception {
        Chan<Integer> ch = Chan.make(1);
        ch.send(41);
        int k = 1;
        int r = combine(v -> v + k, ch.recv());
        return "r=" + r;
    }

    /** Loops, try/finally and early returns inside a function's body; names reused in sibling scopes. */
    @Go static String controlFlowInside() throws Exception {
        {
            int x = 5;
            gosched();
            if (x < 0) {
                return "never";
            }
        }
        Chan<Integer> ch = Chan.make(100);
        List<String> log = new ArrayList<>();
        GoFunction<Integer, String> f = x -> {
            int total = 0;
            try {
                for (int i = 0; i < x; i++) {
                    ch.send(i);
                    total += ch.recv();
                    if (total > 20) {
                        return "big " + total;
                    }
                }
            } finally {
                log.add("finally " + x);
            }
            return "total " + total;
        };
        return f.apply(3) + ", " + f.apply(10) + " " + log;
    }

    @Go static String genericDriver() throws Exception {
        return generic("g");
    }

    /** The docs' loop: a case without a body ends it, the other case's body suspends. */
    @Go static String selectLoopWithAStopCase() {
        Chan<Integer> in = Chan.make();
        Chan<Integer> out = Chan.make(10);
        Chan<Void> quit = Chan.make();
        go(() -> {
            for (int i = 0; i < 4; i++) {
                in.send(i);
            }
            quit.close();
        });
        RecvCase<Void> stop = quit.onRecv();
        for (;;) {
            if (select(stop, in.onRecv(v -> out.send(v * 2))) == stop) {
                break;
            }
        }
        out.close();
        StringBuilder b = new StringBuilder();
        for (int v : out) {
            b.append(v).append(' ');
        }
        return b.toString().trim();
    }
}
