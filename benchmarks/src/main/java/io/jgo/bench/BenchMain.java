package io.jgo.bench;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs one workload of one Java-based system in this JVM and prints its measurements, one
 * {@code RESULT <metric> <value> <unit> <n>} line each, then {@code CHECK <workload> ok}. The
 * harness starts a fresh JVM for every such run. Exit status: 0 done, 1 wrong answer or failure,
 * 2 bad arguments, 3 the system cannot run here ({@code SKIPPED <why>}).
 *
 * <p>{@code java -cp benchmarks.jar io.jgo.bench.BenchMain --system jgo --workload skynet --n 1000000 [--warmup 1000|auto] [--warmup-rounds R]}
 * ({@code auto}: the harness's warm-up size, {@link Workload#warmupSize}; the rounds default to
 * the harness's, {@link Workload#warmupRounds})
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        String system = null;
        String workload = null;
        int n = 0;
        String warmupArg = null;
        int warmup = 0;
        int warmupRounds = -1; // not given: the workload's (Workload.warmupRounds)
        int watchdog = 0;
        int repeat = 1;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--system": system = args[++i]; break;
                    case "--workload": workload = args[++i]; break;
                    case "--n": n = Integer.parseInt(args[++i]); break;
                    case "--warmup": warmupArg = args[++i]; break;
                    case "--warmup-rounds":
                        warmupRounds = Integer.parseInt(args[++i]);
                        if (warmupRounds < 0) {
                            throw new IllegalArgumentException("--warmup-rounds must not be negative");
                        }
                        break;
                    case "--watchdog": watchdog = Integer.parseInt(args[++i]); break;
                    case "--repeat": repeat = Integer.parseInt(args[++i]); break;
                    default: throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (warmupArg != null && !warmupArg.equals("auto")) {
                warmup = Integer.parseInt(warmupArg);
            }
            if (system == null || workload == null || n <= 0 || repeat <= 0) {
                throw new IllegalArgumentException("need --system, --workload, a positive --n (and --repeat)");
            }
        } catch (RuntimeException e) {
            System.err.println("BenchMain: " + e.getMessage()
                    + "\nusage: BenchMain --system jgo|vthreads|threads --workload " + Workload.ids()
                    + " --n SIZE [--warmup SIZE|auto] [--warmup-rounds R] [--watchdog SECONDS] [--repeat TIMES]");
            System.exit(2);
            return;
        }
        Workloads impl;
        try {
            impl = Systems.load(system);
        } catch (Systems.Unavailable e) {
            System.out.println("SKIPPED " + e.getMessage());
            System.exit(3);
            return;
        }
        Workload w;
        try {
            w = Workload.byId(workload);
            w.validate(n);
            if ("auto".equals(warmupArg)) {
                warmup = w.warmupSize(n);
            }
            if (warmup > 0) {
                w.validate(warmup);
            }
            if (warmupRounds < 0) {
                warmupRounds = w.warmupRounds();
            }
        } catch (IllegalArgumentException e) {
            System.err.println("BenchMain: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (watchdog > 0) {
            startWatchdog(watchdog, system.equals(Systems.JGO));
        }
        try {
            if (warmup > 0) {
                System.out.println("WARMUP " + prepare(impl, w, n, warmup, warmupRounds, jitTime()));
            }
            for (int r = 0; r < repeat; r++) { // more than once only for profiling (annotate.sh)
                run(impl, w, n, System.out::println);
            }
            System.out.println("CHECK " + w.id + " ok");
            System.exit(0); // the sieve leaves its filters blocked: do not wait for them
        } catch (CheckFailed e) {
            System.out.println("CHECK FAILED " + e.getMessage());
            System.exit(1);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * After {@code seconds}, prints what every goroutine (for jgo) and every thread is doing, then
     * ends the process with status 4: a hung run leaves a report instead of nothing.
     */
    static void startWatchdog(int seconds, boolean jgo) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(seconds * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            StringBuilder sb = new StringBuilder("WATCHDOG: still running after " + seconds + " s\n");
            if (jgo) {
                sb.append("== goroutines (Jgo.dump)\n").append(io.jgo.Jgo.dump()).append('\n');
            }
            sb.append("== threads\n");
            Thread.getAllStackTraces().forEach((th, st) -> {
                sb.append('"').append(th.getName()).append("\" ").append(th.getState()).append('\n');
                for (StackTraceElement e : st) {
                    sb.append("    at ").append(e).append('\n');
                }
            });
            System.out.println(sb);
            System.out.flush();
            Runtime.getRuntime().halt(4);
        }, "bench-watchdog");
        t.setDaemon(true);
        t.start();
    }

    /** A workload computed a wrong answer. */
    public static final class CheckFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CheckFailed(String message) {
            super(message);
        }
    }

    /**
     * The whole warm-up before a measured run of size {@code n}: {@link #warmUp} at {@code size},
     * then, if the workload {@link Workload#rehearses() rehearses} and {@code minRuns > 0}, one
     * run at size {@code n} and small runs again until the JIT is quiet (no minimum).
     *
     * @return what was done, for the WARMUP line
     */
    static String prepare(Workloads impl, Workload w, int n, int size, int minRuns, LongSupplier jit) {
        return prepare(impl, w, n, size, minRuns, jit, System::nanoTime);
    }

    /** {@link #prepare(Workloads, Workload, int, int, int, LongSupplier)} with its clock (tests). */
    static String prepare(Workloads impl, Workload w, int n, int size, int minRuns, LongSupplier jit,
            LongSupplier clock) {
        int runs = warmUp(impl, w, size, minRuns, jit, clock);
        if (!w.rehearses() || minRuns == 0) {
            return runs + " runs of " + size;
        }
        run(impl, w, n, line -> { });
        int again = warmUp(impl, w, size, 0, jit, clock);
        return runs + " runs of " + size + ", a rehearsal at " + n + ", " + again + " more";
    }

    /** Warm-up runs at most, whatever the JIT does. */
    static final int MAX_WARMUP_RUNS = 100;
    /** Warm-up time at most (started runs finish). */
    static final long MAX_WARMUP_NANOS = 30_000_000_000L;
    /** Consecutive warm-up runs during which the JIT compiled nothing, to call it quiet... */
    static final int QUIET_RUNS = 2;
    /**
     * ...lasting this long at least: the JVM reports compilation time in whole milliseconds, so
     * two short runs could pass as quiet while a long C2 compilation is still going on.
     */
    static final long QUIET_NANOS = 200_000_000L;

    /**
     * Warms up: at least {@code minRuns} runs of size {@code size}, then more until the JIT has
     * been quiet (no compilation time) for {@link #QUIET_RUNS} runs in a row and
     * {@link #QUIET_NANOS}, within {@link #MAX_WARMUP_RUNS} (or {@code minRuns} if more) and
     * {@link #MAX_WARMUP_NANOS}. A fixed number of runs is not enough on a fast host: C2 can go on
     * compiling the scheduler's paths long after five short runs, and the measured run then
     * times the compiler (benchmarks/NOTES.md has the figures). The parked workload's runs stay
     * small, so its memory figures stay the measured run's.
     *
     * @param jit the JIT's total compilation time in ms so far, or -1 if the JVM does not say
     *            (then exactly {@code minRuns} runs)
     * @return the number of runs done
     */
    static int warmUp(Workloads impl, Workload w, int size, int minRuns, LongSupplier jit) {
        return warmUp(impl, w, size, minRuns, jit, System::nanoTime);
    }

    /** {@link #warmUp(Workloads, Workload, int, int, LongSupplier)} with its clock (tests). */
    static int warmUp(Workloads impl, Workload w, int size, int minRuns, LongSupplier jit, LongSupplier clock) {
        int maxRuns = Math.max(MAX_WARMUP_RUNS, minRuns);
        long start = clock.getAsLong();
        int quiet = 0;
        long quietSince = 0;
        int runs = 0;
        while (runs < maxRuns && (runs < minRuns || clock.getAsLong() - start < MAX_WARMUP_NANOS)) {
            long before = jit.getAsLong();
            long runStart = clock.getAsLong();
            run(impl, w, size, line -> { });
            runs++;
            long after = jit.getAsLong();
            if (before < 0 || after < 0) {
                if (runs >= minRuns) {
                    break;
                }
                continue;
            }
            if (after != before) {
                quiet = 0;
                continue;
            }
            if (quiet++ == 0) {
                quietSince = runStart;
            }
            if (runs >= minRuns && quiet >= QUIET_RUNS && clock.getAsLong() - quietSince >= QUIET_NANOS) {
                break;
            }
        }
        return runs;
    }

    /** The JIT's total compilation time so far in ms, or -1 if this JVM does not report it. */
    static LongSupplier jitTime() {
        CompilationMXBean c = ManagementFactory.getCompilationMXBean();
        if (c == null || !c.isCompilationTimeMonitoringSupported()) {
            return () -> -1;
        }
        return c::getTotalCompilationTime;
    }

    /**
     * Runs {@code w} at size {@code n} on {@code impl}, checks its answer, and reports its metrics
     * as RESULT lines to {@code out}.
     *
     * @throws CheckFailed if the computed answer is wrong
     */
    public static void run(Workloads impl, Workload w, int n, Consumer<String> out) {
        w.validate(n);
        if (w == Workload.PARKED) {
            parked(impl, n, out);
            return;
        }
        long t0 = System.nanoTime();
        long got;
        switch (w) {
            case SKYNET: got = impl.skynet(n); break;
            case PINGPONG: got = impl.pingPong(n); break;
            case SIEVE: got = impl.sieve(n); break;
            case BUFFERED: got = impl.buffered(n); break;
            case SELECT: got = impl.select(n); break;
            case TIMERS: got = impl.timers(n); break;
            case MUTEX_UNCONTENDED: got = impl.mutexUncontended(n); break;
            case MUTEX_CONTENDED: got = impl.mutexContended(n); break;
            case SELECT_WORK: got = impl.selectWork(n); break;
            case TIMER_RESET: got = impl.timerReset(n); break;
            case CTX_CANCEL: got = impl.ctxCancel(n); break;
            case MUTEX_100: got = impl.mutexCrowd(n); break;
            case FAN_IN: got = impl.fanIn(n); break;
            default: throw new IllegalArgumentException(w.id);
        }
        long nanos = System.nanoTime() - t0;
        check(w, n, got);
        double value;
        switch (w) {
            case PINGPONG:
            case SELECT:
            case MUTEX_UNCONTENDED:
            case MUTEX_CONTENDED:
            case SELECT_WORK:
            case MUTEX_100:
            case FAN_IN:
                value = (double) nanos / n;
                break;
            case BUFFERED:
                value = n / (nanos / 1e9) / 1e6;
                break;
            default:
                value = nanos / 1e6;
        }
        Workload.Metric m = w.metrics.get(0);
        out.accept(result(m.name(), value, m.unit(), n));
    }

    static void check(Workload w, int n, long got) {
        long want = w.expected(n);
        if (got != want) {
            throw new CheckFailed(w.id + " n=" + n + ": got " + got + ", want " + want);
        }
    }

    static String result(String metric, double value, String unit, int n) {
        return String.format(Locale.ROOT, "RESULT %s %.3f %s %d", metric, value, unit, n);
    }

    private static void parked(Workloads impl, int n, Consumer<String> out) {
        long heap0 = heapAfterGc();
        long rss0 = rss();
        long t0 = System.nanoTime();
        Workloads.Parked parked = impl.spawnParked(n);
        long spawn = System.nanoTime() - t0;
        long heap1 = heapAfterGc();
        long rss1 = rss();
        if (Boolean.getBoolean("jgo.bench.histogram")) {
            printHistogram(20); // what the parked goroutines are made of (benchmarks/profile.sh parked)
        }
        long t1 = System.nanoTime();
        parked.release();
        long release = System.nanoTime() - t1;
        out.accept(result("parked.heap", (double) (heap1 - heap0) / n, "B/g", n));
        out.accept(result("parked.rss", (double) (rss1 - rss0) / n, "B/g", n));
        out.accept(result("parked.spawn", spawn / 1e6, "ms", n));
        out.accept(result("parked.release", release / 1e6, "ms", n));
    }

    /** Prints the top of the live-object class histogram (HotSpot's GC.class_histogram) to stderr. */
    static void printHistogram(int lines) {
        try {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
            String[] all = String.valueOf(out).split("\n");
            for (int i = 0; i < Math.min(lines + 3, all.length); i++) {
                System.err.println(all[i]);
            }
        } catch (Exception e) {
            System.err.println("no class histogram on this JVM: " + e);
        }
    }

    /** Heap in use after full collections (System.gc is a full GC with the JDK's default collector). */
    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Resident set size of this process, from /proc (0 where there is no /proc). */
    static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] f = line.trim().split("\\s+");
                    return Long.parseLong(f[1]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
