package io.jgo.bench.jmh;

import io.jgo.bench.threads.ThreadFactories;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same inner operations as {@code JgoMicroBenchmarks}, for virtual threads and platform
 * threads, as reference points, with the same batch of operations per invocation (run it on JDK
 * 21+: {@code java -jar benchmarks/target/benchmarks.jar ThreadMicroBenchmarks}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ThreadMicroBenchmarks {
    /** The same batch as {@code JgoMicroBenchmarks.BATCH}: per-invocation costs weigh the same. */
    static final int BATCH = 10_000;

    @Param({"virtual", "platform"})
    public String threads;

    private ThreadFactory factory;

    @Setup(Level.Trial)
    public void setUp() {
        if (Runtime.version().feature() < 21) {
            // virtual threads, and a Thread.sleep that honours nanoseconds (JDK 17 rounds it up to 1 ms)
            throw new UnsupportedOperationException("run ThreadMicroBenchmarks on JDK 21 or newer");
        }
        factory = threads.equals("virtual") ? ThreadFactories.virtual() : ThreadFactories.platform();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void spawn() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(BATCH);
        for (int i = 0; i < BATCH; i++) {
            factory.newThread(done::countDown).start();
        }
        done.await();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long handOffRoundTrip() throws InterruptedException {
        SynchronousQueue<Integer> ping = new SynchronousQueue<>();
        SynchronousQueue<Integer> pong = new SynchronousQueue<>();
        long[] sum = new long[1];
        Thread echo = factory.newThread(() -> {
            try {
                for (int i = 0; i < BATCH; i++) {
                    pong.put(ping.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread main = factory.newThread(() -> {
            try {
                for (int i = 0; i < BATCH; i++) {
                    ping.put(i);
                    sum[0] += pong.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        echo.start();
        main.start();
        main.join();
        echo.join();
        return sum[0];
    }

    /** Sleeps of 1 ns, as jgo's {@code sleep(Duration.ofNanos(1))}: the thread's own timed sleep. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void timerSleep() throws InterruptedException {
        Thread t = factory.newThread(() -> {
            try {
                for (int i = 0; i < BATCH; i++) {
                    Thread.sleep(0, 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        t.join();
    }
}
