package io.jgo.bench.jgo;

import io.jgo.Jgo;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The inner operations of jgo, each timed per operation over a batch run by one main goroutine
 * ({@code java -jar benchmarks/target/benchmarks.jar JgoMicroBenchmarks}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JgoMicroBenchmarks {
    /** The same batch as {@code ThreadMicroBenchmarks.BATCH}. */
    static final int BATCH = 10_000;

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int spawn() {
        return Jgo.run(JgoMicroGo.spawn(BATCH));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long handOffRoundTrip() {
        return Jgo.run(JgoProgramsGo.pingPong(BATCH)); // the ping-pong workload's own @Go code
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long select() {
        return Jgo.run(JgoMicroGo.select2(BATCH));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int timerSleep() {
        return Jgo.run(JgoMicroGo.sleeps(BATCH));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int suspendResume() {
        return Jgo.run(JgoMicroGo.yields(BATCH));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long goCallNotSuspending() {
        return Jgo.run(JgoMicroGo.goCalls(BATCH));
    }

    private final JgoMicro.Adder declaring = new JgoMicro.Adder();
    private final JgoMicro.Adder overriding = new JgoMicro.TwoAdder();

    /** An overridable {@code @Go} method called on a receiver of its declaring class: the dispatch's fast path. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long goCallOverridable() {
        return Jgo.run(JgoMicroGo.virtualCalls(declaring, BATCH));
    }

    /** The same call on a receiver of a subclass that overrides it: the dispatch finds the override's entry point. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long goCallOverridden() {
        return Jgo.run(JgoMicroGo.virtualCalls(overriding, BATCH));
    }

    /** The baseline for {@link #goCallNotSuspending()}: the same loop calling a plain method (not inlined). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long plainCall() {
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            sum += plainAddOne(i);
        }
        return sum;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static int plainAddOne(int x) {
        return x + 1;
    }
}
