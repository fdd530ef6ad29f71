package io.jgo.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The last line of defence against a hung build: once a test JVM has lived longer than
 * {@code jgo.test.jvmTimeoutSeconds} (default 1200), it prints both dumps to stderr and to
 * {@code target/jgo-hang-<pid>.txt}, then halts with exit code 86, and the build fails instead
 * of waiting for CI's limit. Per-test time-outs catch a hung test long before; this catches what
 * they cannot: a hang outside any test method, a JVM kept alive by a stuck non-daemon thread.
 */
final class Watchdog {
    static final String PROPERTY = "jgo.test.jvmTimeoutSeconds";
    private static final long DEFAULT_SECONDS = 1200;
    static final int EXIT_CODE = 86;
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private Watchdog() {
    }

    static void startOnce() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        long seconds = Long.getLong(PROPERTY, DEFAULT_SECONDS);
        if (seconds <= 0) {
            return;
        }
        Thread t = new Thread(() -> watch(seconds), "jgo-test-watchdog");
        t.setDaemon(true);
        t.start();
    }

    private static void watch(long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (long rest; (rest = deadline - System.nanoTime()) > 0;) {
            try {
                TimeUnit.NANOSECONDS.sleep(rest);
            } catch (InterruptedException e) {
                return; // only an orderly exit interrupts a daemon thread of ours
            }
        }
        String report = "jgo test watchdog: this test JVM has run for more than " + seconds + " s ("
                + PROPERTY + "); halting it so that the build fails instead of hanging.\n" + Dumps.all();
        System.err.println(report);
        System.err.flush();
        try {
            Path dir = Path.of("target");
            Files.writeString((Files.isDirectory(dir) ? dir : Path.of("."))
                    .resolve("jgo-hang-" + ProcessHandle.current().pid() + ".txt"), report, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException ignored) {
            // stderr has it already
        }
        Runtime.getRuntime().halt(EXIT_CODE);
    }
}
