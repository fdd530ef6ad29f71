package io.jgo.bench;

import java.util.List;
import java.util.Set;

/**
 * The workloads of the suite, their sizes, and the metrics each one reports. One place for the
 * numbers: the harness passes sizes to every system's process, Java and Go alike.
 */
public enum Workload {
    SKYNET("skynet", 1_000_000, 1_000, 10_000, List.of(Metric.of("skynet", "ms", false))),
    PINGPONG("pingpong", 1_000_000, 1_000, 100_000, List.of(Metric.of("pingpong", "ns/rt", false))),
    SIEVE("sieve", 5_000, 100, 1_000, List.of(Metric.of("sieve", "ms", false))),
    BUFFERED("buffered", 10_000_000, 10_000, 1_000_000, List.of(Metric.of("buffered", "Mmsg/s", true))),
    PARKED("parked", 1_000_000, 1_000, 10_000, List.of(
            Metric.of("parked.heap", "B/g", false),
            Metric.of("parked.rss", "B/g", false),
            Metric.of("parked.spawn", "ms", false),
            Metric.of("parked.release", "ms", false))),
    SELECT("select", 1_000_000, 1_000, 100_000, List.of(Metric.of("select", "ns/op", false))),
    TIMERS("timers", 10_000, 10, 1_000, List.of(Metric.of("timers", "ms", false))),
    MUTEX_UNCONTENDED("mutex-uncontended", 10_000_000, 10_000, 10_000_000,
            List.of(Metric.of("mutex-uncontended", "ns/op", false))),
    MUTEX_CONTENDED("mutex-contended", 2_000_000, 10_000, 2_000_000,
            List.of(Metric.of("mutex-contended", "ns/op", false))),
    // Rows that users meet in real programs.
    SELECT_WORK("select-work", 200_000, 1_000, 20_000, List.of(Metric.of("select-work", "ns/op", false))),
    TIMER_RESET("timer-reset", 1_000_000, 1_000, 1_000_000, List.of(Metric.of("timer-reset", "ms", false))),
    CTX_CANCEL("ctx-cancel", 100_000, 1_000, 1_000, List.of(Metric.of("ctx-cancel", "ms", false))),
    MUTEX_100("mutex-100", 2_000_000, 10_000, 2_000_000, List.of(Metric.of("mutex-100", "ns/op", false))),
    FAN_IN("fan-in", 1_000_000, 10_000, 1_000_000, List.of(Metric.of("fan-in", "ns/msg", false)));

    public static final int SKYNET_FANOUT = 10;
    public static final int BUFFERED_PRODUCERS = 4;
    public static final int BUFFERED_CONSUMERS = 4;
    public static final int BUFFERED_CAPACITY = 1024;
    public static final int SELECT_CHANNELS = 4;
    public static final int TIMER_SLEEPS = 100;
    public static final long TIMER_SLEEP_NANOS = 10_000;
    public static final int MUTEX_WORKERS = 4;
    /** Goroutines sharing one mutex in the {@code mutex-100} row. */
    public static final int MUTEX_CROWD = 100;
    /** Producers feeding one channel in the {@code fan-in} row. */
    public static final int FAN_IN_PRODUCERS = 1_000;
    /** Rounds of {@link #mix} per value in the {@code select-work} row's case bodies. */
    public static final int MIX_ROUNDS = 32;

    /**
     * The work a {@code select-work} case body does with the value it received (the Go program
     * computes the same bits with uint64): {@link #MIX_ROUNDS} rounds of a 64-bit LCG step seeded
     * by the value and the case's index.
     */
    public static long mix(long v, int kase) {
        long x = v;
        for (int i = 0; i < MIX_ROUNDS; i++) {
            x = x * 6364136223846793005L + kase + 1;
        }
        return x >>> 33;
    }

    /** The name used on command lines, in RESULT lines and in the Go program. */
    public final String id;
    /** Size of a full run. */
    public final int fullSize;
    /** Size in quick mode (the smoke test, {@code run.sh --quick}). */
    public final int quickSize;
    /** Size for platform threads, where the full size would not fit or would take minutes. */
    public final int threadSize;
    public final List<Metric> metrics;

    Workload(String id, int fullSize, int quickSize, int threadSize, List<Metric> metrics) {
        this.id = id;
        this.fullSize = fullSize;
        this.quickSize = quickSize;
        this.threadSize = threadSize;
        this.metrics = metrics;
    }

    /**
     * Size of each of the {@link #warmupRounds()} warm-up runs before a measured run of size
     * {@code n}: a tenth of it; for the parked workload a hundredth, small next to the heap and
     * RSS it measures (a few hundred KB against a hundred MB or more). The harness passes it to
     * every contender; {@code BenchMain --warmup auto} (the profiling scripts) uses it too.
     */
    public int warmupSize(int n) {
        return Math.max(1, this == PARKED ? n / 100 : n / 10);
    }

    /**
     * Warm-up runs before the measured one, at least (the JVMs go on until the JIT is quiet, see
     * {@code BenchMain.warmUp}; Go, without a JIT, does exactly these): five, or fifty for the
     * parked workload, so that every workload's warm-up does at least half the measured work in
     * all. With five runs of a hundredth, the parked release ran its send loop in C1 code until
     * C2 had compiled it, during the measured run (benchmarks/NOTES.md, "A million parked
     * goroutines"); its memory high-water mark stays that of one small run.
     */
    public int warmupRounds() {
        return this == PARKED ? 50 : 5;
    }

    /**
     * Whether the warm-up ends with a rehearsal: one run at the measured size, then small runs
     * until the JIT is quiet again. Paths that only a long run reaches were otherwise compiled
     * during the measured run: a goroutine pair that keeps its time slice past 10 ms is asked to
     * yield, and the first such yield deoptimized the scheduler's and the channels' compiled code
     * (unstable_if and class-check traps) in the measured ping-pong of some fresh processes,
     * which then took up to 3 times as long (benchmarks/NOTES.md, Method). Not the parked
     * workload: a full-size run would set its memory high-water mark.
     */
    public boolean rehearses() {
        return this != PARKED;
    }

    /**
     * The systems whose program for this workload is another algorithm than jgo's and Go's (which
     * are line for line the same): Java has no {@code select}, so the thread kinds' select puts
     * tagged values (a new array per message) on one shared queue instead of waiting on four
     * channels. Their cells are marked and jgo is not compared with them.
     */
    public Set<String> otherAlgorithm() {
        return this == SELECT || this == SELECT_WORK ? Set.of(Systems.VTHREADS, Systems.THREADS) : Set.of();
    }

    public static Workload byId(String id) {
        for (Workload w : values()) {
            if (w.id.equals(id)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id + "'; known: " + ids());
    }

    public static String ids() {
        StringBuilder sb = new StringBuilder();
        for (Workload w : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(w.id);
        }
        return sb.toString();
    }

    /** A number a workload reports; {@code higherIsBetter} for throughputs. */
    public record Metric(String name, String unit, boolean higherIsBetter) {
        static Metric of(String name, String unit, boolean higherIsBetter) {
            return new Metric(name, unit, higherIsBetter);
        }
    }

    /**
     * Rejects a size this workload cannot run at: skynet's tree needs a power of ten leaves (any
     * other size would recurse forever on a zero-sized subtree).
     *
     * @throws IllegalArgumentException naming the size and what would work
     */
    public void validate(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException(id + ": size must be positive, got " + n);
        }
        if (this == SKYNET) {
            long p = 1;
            while (p < n) {
                p *= SKYNET_FANOUT;
            }
            if (p != n) {
                throw new IllegalArgumentException("skynet: the number of leaves must be a power of "
                        + SKYNET_FANOUT + " (such as 1000 or 1000000), got " + n);
            }
        }
    }

    /** The answer every system must compute, for {@link BenchMain}'s check. */
    public long expected(int n) {
        switch (this) {
            case SKYNET:
            case PINGPONG:
            case BUFFERED:
            case SELECT:
                return (long) n * (n - 1) / 2;
            case SIEVE:
                return nthPrime(n);
            case TIMERS:
                return (long) n * TIMER_SLEEPS;
            case MUTEX_UNCONTENDED:
                return n;
            case MUTEX_CONTENDED:
                return (long) (n / MUTEX_WORKERS) * MUTEX_WORKERS;
            case MUTEX_100:
                return (long) (n / MUTEX_CROWD) * MUTEX_CROWD;
            case FAN_IN:
                return (long) n * (n - 1) / 2;
            case SELECT_WORK: {
                long sum = 0;
                for (int v = 0; v < n; v++) {
                    sum += mix(v, v % SELECT_CHANNELS);
                }
                return sum;
            }
            default:
                return n;
        }
    }

    static int nthPrime(int n) {
        int count = 0;
        for (int c = 2; ; c++) {
            boolean prime = true;
            for (int d = 2; d * d <= c; d++) {
                if (c % d == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime && ++count == n) {
                return c;
            }
        }
    }
}
