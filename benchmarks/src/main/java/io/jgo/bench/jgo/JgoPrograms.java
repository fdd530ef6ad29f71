package io.jgo.bench.jgo;

import static io.jgo.Jgo.afterFunc;
import static io.jgo.Jgo.go;
import static io.jgo.Jgo.select;
import static io.jgo.Jgo.sleep;

import io.jgo.CancelContext;
import io.jgo.Case;
import io.jgo.Chan;
import io.jgo.Context;
import io.jgo.GoRunnable;
import io.jgo.Mutex;
import io.jgo.Timer;
import io.jgo.WaitGroup;
import io.jgo.annotation.Go;
import io.jgo.bench.Workload;
import java.time.Duration;
import java.util.List;

/**
 * The workloads written as a jgo user writes them: {@code @Go} methods, channels, {@code go(...)}.
 * Each mirrors the Go program in {@code benchmarks/go/main.go} line for line. The processor
 * compiles them into continuations; {@link JgoWorkloads} starts them through the generated
 * entry points ({@code JgoProgramsGo.*}).
 */
final class JgoPrograms {
    private static final Duration TIMER_SLEEP = Duration.ofNanos(Workload.TIMER_SLEEP_NANOS);

    private JgoPrograms() {
    }

    // ---- skynet ----

    @Go
    static long skynetMain(int leaves) {
        Chan<Long> c = Chan.make();
        go(() -> skynet(c, 0, leaves, Workload.SKYNET_FANOUT));
        return c.recv();
    }

    @Go
    static void skynet(Chan<Long> c, long num, int size, int div) {
        if (size == 1) {
            c.send(num);
            return;
        }
        Chan<Long> rc = Chan.make();
        int sub = size / div;
        for (int i = 0; i < div; i++) {
            long childNum = num + (long) i * sub;
            go(() -> skynet(rc, childNum, sub, div));
        }
        long sum = 0;
        for (int i = 0; i < div; i++) {
            sum += rc.recv();
        }
        c.send(sum);
    }

    // ---- ping-pong ----

    @Go
    static long pingPong(int n) {
        Chan<Integer> ping = Chan.make();
        Chan<Integer> pong = Chan.make();
        go(() -> echo(ping, pong, n));
        long sum = 0;
        for (int i = 0; i < n; i++) {
            ping.send(i);
            sum += pong.recv();
        }
        return sum;
    }

    @Go
    static void echo(Chan<Integer> ping, Chan<Integer> pong, int n) {
        for (int i = 0; i < n; i++) {
            pong.send(ping.recv());
        }
    }

    // ---- the concurrent prime sieve ----

    @Go
    static int sieve(int count) {
        Chan<Integer> ch = Chan.make();
        Chan<Integer> first = ch;
        go(() -> generate(first));
        int prime = 0;
        for (int i = 0; i < count; i++) {
            prime = ch.recv();
            Chan<Integer> in = ch;
            Chan<Integer> out = Chan.make();
            int p = prime;
            go(() -> filter(in, out, p));
            ch = out;
        }
        return prime; // the filters stay blocked, as in Go's version
    }

    @Go
    static void generate(Chan<Integer> out) {
        for (int i = 2; ; i++) {
            out.send(i);
        }
    }

    @Go
    static void filter(Chan<Integer> in, Chan<Integer> out, int prime) {
        for (;;) {
            int v = in.recv();
            if (v % prime != 0) {
                out.send(v);
            }
        }
    }

    // ---- buffered throughput ----

    @Go
    static long buffered(int messages) {
        Chan<Integer> ch = Chan.make(Workload.BUFFERED_CAPACITY);
        Chan<Boolean> produced = Chan.make(Workload.BUFFERED_PRODUCERS);
        Chan<Long> sums = Chan.make(Workload.BUFFERED_CONSUMERS);
        int per = messages / Workload.BUFFERED_PRODUCERS;
        for (int p = 0; p < Workload.BUFFERED_PRODUCERS; p++) {
            int lo = p * per;
            int hi = p == Workload.BUFFERED_PRODUCERS - 1 ? messages : lo + per;
            go(() -> produce(ch, lo, hi, produced));
        }
        for (int c = 0; c < Workload.BUFFERED_CONSUMERS; c++) {
            go(() -> consume(ch, sums));
        }
        for (int p = 0; p < Workload.BUFFERED_PRODUCERS; p++) {
            produced.recv();
        }
        ch.close();
        long total = 0;
        for (int c = 0; c < Workload.BUFFERED_CONSUMERS; c++) {
            total += sums.recv();
        }
        return total;
    }

    @Go
    static void produce(Chan<Integer> ch, int lo, int hi, Chan<Boolean> produced) {
        for (int i = lo; i < hi; i++) {
            ch.send(i);
        }
        produced.send(true);
    }

    @Go
    static void consume(Chan<Integer> ch, Chan<Long> sums) {
        long sum = 0;
        for (int v : ch) {
            sum += v;
        }
        sums.send(sum);
    }

    // ---- select ----

    @Go
    static long selectLoop(int messages) {
        Chan<Integer> c0 = Chan.make();
        Chan<Integer> c1 = Chan.make();
        Chan<Integer> c2 = Chan.make();
        Chan<Integer> c3 = Chan.make();
        List<Chan<Integer>> chans = List.of(c0, c1, c2, c3);
        for (int k = 0; k < Workload.SELECT_CHANNELS; k++) {
            Chan<Integer> c = chans.get(k);
            int source = k;
            go(() -> feed(c, source, messages));
        }
        // Cases are reusable: build them once; each select overwrites the fired case's value.
        var r0 = c0.onRecv();
        var r1 = c1.onRecv();
        var r2 = c2.onRecv();
        var r3 = c3.onRecv();
        Case[] cases = {r0, r1, r2, r3};
        long sum = 0;
        for (int i = 0; i < messages; i++) {
            var fired = select(cases);
            if (fired == r0) {
                sum += r0.value();
            } else if (fired == r1) {
                sum += r1.value();
            } else if (fired == r2) {
                sum += r2.value();
            } else {
                sum += r3.value();
            }
        }
        return sum;
    }

    @Go
    static void feed(Chan<Integer> c, int source, int messages) {
        for (int i = source; i < messages; i += Workload.SELECT_CHANNELS) {
            c.send(i);
        }
    }

    // ---- timer churn ----

    @Go
    static long timers(int tasks) {
        Chan<Integer> done = Chan.make(tasks);
        for (int t = 0; t < tasks; t++) {
            go(() -> sleeper(done));
        }
        long total = 0;
        for (int t = 0; t < tasks; t++) {
            total += done.recv();
        }
        return total;
    }

    @Go
    static void sleeper(Chan<Integer> done) {
        for (int i = 0; i < Workload.TIMER_SLEEPS; i++) {
            sleep(TIMER_SLEEP);
        }
        done.send(Workload.TIMER_SLEEPS);
    }

    // ---- Mutex ----

    @Go
    static long mutexUncontended(int ops) {
        Mutex mu = new Mutex();
        long counter = 0;
        for (int i = 0; i < ops; i++) {
            mu.lock();
            counter++;
            mu.unlock();
        }
        return counter;
    }

    @Go
    static long mutexContended(int ops) {
        Mutex mu = new Mutex();
        long[] counter = new long[1];
        Chan<Boolean> done = Chan.make(Workload.MUTEX_WORKERS);
        int per = ops / Workload.MUTEX_WORKERS;
        for (int w = 0; w < Workload.MUTEX_WORKERS; w++) {
            go(() -> increment(mu, counter, per, done));
        }
        for (int w = 0; w < Workload.MUTEX_WORKERS; w++) {
            done.recv();
        }
        mu.lock();
        long result = counter[0];
        mu.unlock();
        return result;
    }

    @Go
    static void increment(Mutex mu, long[] counter, int times, Chan<Boolean> done) {
        for (int i = 0; i < times; i++) {
            mu.lock();
            counter[0]++;
            mu.unlock();
        }
        done.send(true);
    }

    // ---- a million parked goroutines ----

    /**
     * Spawns one goroutine per channel and returns once each has said it started, just before it
     * blocks (the same WaitGroup protocol as the Go version).
     */
    @Go
    static void spawnParked(List<Chan<Integer>> chans, WaitGroup started, WaitGroup finished) {
        started.add(chans.size());
        finished.add(chans.size());
        for (Chan<Integer> c : chans) {
            go(() -> parked(c, started, finished));
        }
        started.await();
    }

    @Go
    static void parked(Chan<Integer> wake, WaitGroup started, WaitGroup finished) {
        started.done();
        wake.recv();
        finished.done();
    }

    @Go
    static void releaseParked(List<Chan<Integer>> chans, WaitGroup finished) {
        for (Chan<Integer> c : chans) {
            c.send(1);
        }
        finished.await();
    }

    // ---- rows that users meet ----

    /** The select loop with work in every case body: each case mixes the value with its index. */
    @Go
    static long selectWork(int messages) {
        Chan<Integer> c0 = Chan.make();
        Chan<Integer> c1 = Chan.make();
        Chan<Integer> c2 = Chan.make();
        Chan<Integer> c3 = Chan.make();
        List<Chan<Integer>> chans = List.of(c0, c1, c2, c3);
        for (int k = 0; k < Workload.SELECT_CHANNELS; k++) {
            Chan<Integer> c = chans.get(k);
            int source = k;
            go(() -> feed(c, source, messages));
        }
        var r0 = c0.onRecv();
        var r1 = c1.onRecv();
        var r2 = c2.onRecv();
        var r3 = c3.onRecv();
        Case[] cases = {r0, r1, r2, r3};
        long sum = 0;
        for (int i = 0; i < messages; i++) {
            var fired = select(cases);
            if (fired == r0) {
                sum += Workload.mix(r0.value(), 0);
            } else if (fired == r1) {
                sum += Workload.mix(r1.value(), 1);
            } else if (fired == r2) {
                sum += Workload.mix(r2.value(), 2);
            } else {
                sum += Workload.mix(r3.value(), 3);
            }
        }
        return sum;
    }

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration TWO_HOURS = Duration.ofHours(2);
    private static final GoRunnable NOTHING = () -> { };

    /** n timers that would call a function in an hour, each reset to two hours, then each stopped. */
    @Go
    static long timerReset(int n) {
        Timer[] timers = new Timer[n];
        for (int i = 0; i < n; i++) {
            timers[i] = afterFunc(HOUR, NOTHING);
        }
        for (int i = 0; i < n; i++) {
            timers[i].reset(TWO_HOURS);
        }
        long stopped = 0;
        for (int i = 0; i < n; i++) {
            if (timers[i].stop()) {
                stopped++;
            }
        }
        return stopped;
    }

    /** n goroutines wait for one context; once all wait, it is cancelled and all of them end. */
    @Go
    static long ctxCancel(int n) {
        CancelContext ctx = Context.withCancel(Context.background());
        WaitGroup started = new WaitGroup();
        WaitGroup finished = new WaitGroup();
        started.add(n);
        finished.add(n);
        for (int i = 0; i < n; i++) {
            go(() -> watch(ctx, started, finished));
        }
        started.await();
        ctx.cancel();
        finished.await();
        return n;
    }

    @Go
    static void watch(Context ctx, WaitGroup started, WaitGroup finished) {
        started.done();
        ctx.done().recv();
        finished.done();
    }

    /** The contended Mutex loop with {@link Workload#MUTEX_CROWD} goroutines. */
    @Go
    static long mutexCrowd(int ops) {
        Mutex mu = new Mutex();
        long[] counter = new long[1];
        Chan<Boolean> done = Chan.make(Workload.MUTEX_CROWD);
        int per = ops / Workload.MUTEX_CROWD;
        for (int w = 0; w < Workload.MUTEX_CROWD; w++) {
            go(() -> increment(mu, counter, per, done));
        }
        for (int w = 0; w < Workload.MUTEX_CROWD; w++) {
            done.recv();
        }
        mu.lock();
        long result = counter[0];
        mu.unlock();
        return result;
    }

    /** {@link Workload#FAN_IN_PRODUCERS} producers, one unbuffered channel, one receiver. */
    @Go
    static long fanIn(int messages) {
        Chan<Integer> ch = Chan.make();
        for (int p = 0; p < Workload.FAN_IN_PRODUCERS; p++) {
            int first = p;
            go(() -> produceEvery(ch, first, messages));
        }
        long sum = 0;
        for (int i = 0; i < messages; i++) {
            sum += ch.recv();
        }
        return sum;
    }

    @Go
    static void produceEvery(Chan<Integer> ch, int first, int messages) {
        for (int i = first; i < messages; i += Workload.FAN_IN_PRODUCERS) {
            ch.send(i);
        }
    }
}
