package io.jgo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One column of the results table: a system on a given runtime (jgo on JDK 17, virtual threads on
 * JDK 25, Go...). It knows how to start a fresh process that runs one workload.
 *
 * @param id      short name used in CSV files and on the command line ({@code jgo-25})
 * @param label   what the table header says ({@code jgo (JDK 25)})
 * @param system  {@code jgo}, {@code vthreads}, {@code threads} or {@code go}
 * @param runtime path of the {@code java} launcher or of the Go benchmark binary
 */
public record Contender(String id, String label, String system, Path runtime) {

    public static final String GO = "go";

    public boolean isGo() {
        return GO.equals(system);
    }

    public boolean isPlatformThreads() {
        return Systems.THREADS.equals(system);
    }

    /** True when this system runs the workload at the reduced {@link Workload#threadSize}. */
    public boolean scaledDown(Workload w, boolean quick) {
        return isPlatformThreads() && !quick && w.threadSize < w.fullSize;
    }

    /** The size this contender runs {@code w} at. */
    public int size(Workload w, boolean quick) {
        if (quick) {
            return isPlatformThreads() ? Math.min(w.quickSize, w.threadSize) : w.quickSize;
        }
        return isPlatformThreads() ? w.threadSize : w.fullSize;
    }

    /** Where {@code taskset} is, or null when this machine has none. */
    static final Path TASKSET = Files.isExecutable(Path.of("/usr/bin/taskset")) ? Path.of("/usr/bin/taskset") : null;

    /**
     * The command that runs {@code w} at size {@code n} with {@code procs} processors (0: the
     * default, every core). Go and jgo read {@code GOMAXPROCS} from the environment (set by the
     * caller); virtual threads get {@code jdk.virtualThreadScheduler.parallelism}. Every contender
     * alike is pinned to {@code procs} cores with {@code taskset} when it exists, so that each has
     * the same CPU budget: its garbage collector and JIT compiler threads run on those cores too.
     */
    public List<String> command(Path jar, Workload w, int n, int warmup, int procs, int watchdogSeconds) {
        List<String> cmd = new ArrayList<>();
        if (procs > 0 && TASKSET != null) {
            cmd.add(TASKSET.toString());
            cmd.add("-c");
            cmd.add(procs == 1 ? "0" : "0-" + (procs - 1));
        }
        if (isGo()) {
            cmd.add(runtime.toString());
        } else {
            cmd.add(runtime.toString());
            if (procs > 0) {
                cmd.add("-Djdk.virtualThreadScheduler.parallelism=" + procs);
                cmd.add("-Djgo.gomaxprocs=" + procs);
            }
            cmd.add("-cp");
            cmd.add(jar.toString());
            cmd.add(BenchMain.class.getName());
            cmd.add("--system");
            cmd.add(system);
            if (watchdogSeconds > 0) {
                cmd.add("--watchdog");
                cmd.add(Integer.toString(watchdogSeconds));
            }
        }
        cmd.add("--workload");
        cmd.add(w.id);
        cmd.add("--n");
        cmd.add(Integer.toString(n));
        if (warmup > 0) {
            cmd.add("--warmup");
            cmd.add(Integer.toString(warmup));
            cmd.add("--warmup-rounds");
            cmd.add(Integer.toString(w.warmupRounds()));
        }
        return cmd;
    }
}
