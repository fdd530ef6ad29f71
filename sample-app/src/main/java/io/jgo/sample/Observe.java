package io.jgo.sample;

import static io.jgo.Jgo.go;

import io.jgo.Chan;
import io.jgo.DumpFormat;
import io.jgo.annotation.Go;
import io.jgo.GoRuntime;
import io.jgo.GoRuntimeMXBean;
import io.jgo.Jgo;
import io.jgo.WaitGroup;
import java.lang.management.ManagementFactory;
import javax.management.JMX;
import javax.management.ObjectName;

/**
 * Chapter "observe": seeing inside a running program. A labelled request spawns a thousand
 * workers that all wait on one channel; the grouped dump (pprof's {@code goroutine?debug=1})
 * shows them as one entry with its count, labels and creation site, and the runtime's MBean
 * (what JConsole shows) gives the scheduler's figures. Go's twin: {@code sample-app/go/observe}.
 */
final class Observe {
    static final int WORKERS = 1_000;

    private Observe() {
    }

    /** Says it started, then waits for a job that only comes when the request ends. */
    @Go
    static void worker(Chan<Integer> jobs, WaitGroup started, WaitGroup done) {
        try {
            started.done();
            jobs.recv(); // null once jobs is closed
        } finally {
            done.done();
        }
    }

    @Go
    static String main(int n, ObjectName bean) {
        Jgo.setLabel("request", "r-17"); // inherited by every goroutine spawned below
        Chan<Integer> jobs = Chan.make();
        WaitGroup started = new WaitGroup();
        WaitGroup done = new WaitGroup();
        for (int i = 0; i < n; i++) {
            started.add(1);
            done.add(1);
            go(() -> worker(jobs, started, done));
        }
        started.await();
        StringBuilder out = new StringBuilder();
        // only the waiting goroutines: this one is running, and its entry is its carrier's stack
        String grouped = Jgo.dump(DumpFormat.GROUPED);
        String waiting = grouped.substring(0, grouped.indexOf("\n1 goroutine [running]"));
        out.append("  the grouped dump (Jgo.dump(DumpFormat.GROUPED)), the waiting goroutines:\n");
        for (String line : waiting.split("\n")) {
            out.append("  | ").append(line).append('\n');
        }
        GoRuntimeMXBean mx = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), bean, GoRuntimeMXBean.class);
        out.append("  its MBean ").append(bean).append(": goroutines=").append(mx.getGoroutineCount())
                .append(" gomaxprocs=").append(mx.getGomaxprocs()).append(" carriers=").append(mx.getCarriers())
                .append(" parks=").append(mx.getParks()).append('\n');
        jobs.close();
        done.await();
        out.append("  after close(jobs): goroutines=").append(mx.getGoroutineCount()).append('\n');
        return out.toString();
    }

    static void show() {
        try (GoRuntime rt = GoRuntime.builder().gomaxprocs(1).name("observe").build()) {
            System.out.print(rt.run(ObserveGo.main(WORKERS, rt.mbeanName())));
        }
    }
}
