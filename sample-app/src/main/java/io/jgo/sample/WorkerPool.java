package io.jgo.sample;

import static io.jgo.Jgo.go;
import static io.jgo.Jgo.sleep;

import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.annotation.Go;
import java.time.Duration;

/**
 * Chapter "workers": Go by Example's worker pool. Three workers take jobs from a {@code jobs}
 * channel and send results to a {@code results} channel; closing {@code jobs} ends the workers'
 * range loops.
 */
final class WorkerPool {
    static final int WORKERS = 3;
    static final int JOBS = 9;

    private WorkerPool() {
    }

    /** {@code for j := range jobs { time.Sleep(...); results <- j * 2 }}. */
    @Go
    static void worker(int id, Chan<Integer> jobs, Chan<String> results) {
        for (int j : jobs) {
            sleep(Duration.ofMillis(20)); // an expensive task
            results.send("worker " + id + " finished job " + j + " -> " + (j * 2));
        }
    }

    @Go
    static long main() {
        Chan<Integer> jobs = Chan.make(JOBS);
        Chan<String> results = Chan.make(JOBS);
        for (int w = 1; w <= WORKERS; w++) {
            int id = w;
            go(() -> worker(id, jobs, results));
        }
        for (int j = 1; j <= JOBS; j++) {
            jobs.send(j);
        }
        jobs.close();
        long t0 = System.nanoTime();
        for (int a = 1; a <= JOBS; a++) {
            System.out.println("  " + results.recv());
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static void show() {
        long ms = Jgo.run(WorkerPoolGo.main());
        System.out.println("  " + JOBS + " jobs of 20 ms on " + WORKERS + " workers took " + ms
                + " ms (about " + (JOBS / WORKERS * 20) + " ms of sleeping, not " + (JOBS * 20) + ")");
    }
}
