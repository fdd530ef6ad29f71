package io.jgo.bench.jmh;

import io.jgo.bench.threads.ThreadFactories;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * The same inner operations as {@code JgoMicroBenchmarks}, for virtual threads (JDK 21+) and
 * platform threads, as reference points:
 * {@code java -jar benchmarks/target/benchmarks.jar ThreadMicroBenchmarks}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ThreadMicroBenchmarks {
    static final int BATCH = 1_000;

    @Param({"virtual", "platform"})
    public String threads;

    private ThreadFactory factory;

    @Setup(Level.Trial)
    public void setUp() {
        if (threads.equals("virtual") && !ThreadFactories.virtualAvailable()) {
            throw new UnsupportedOperationException("virtual threads need JDK 21+; run this JMH jar on JDK 21 or newer");
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

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void timerSleep() throws InterruptedException {
        Thread t = factory.newThread(() -> {
            for (int i = 0; i < BATCH; i++) {
                LockSupport.parkNanos(1);
            }
        });
        t.start();
        t.join();
    }
}
