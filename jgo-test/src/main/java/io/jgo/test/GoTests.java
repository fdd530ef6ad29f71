package io.jgo.test;

import io.jgo.DumpFormat;
import io.jgo.GoRuntime;
import io.jgo.GoroutinePanicException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The test kit without the JUnit extension: runs a test body in a fresh runtime of its own, with
 * the checks {@link GoTest} describes.
 *
 * <pre>{@code
 * GoTests.run(GoTests.options().timeout(Duration.ofSeconds(5)), rt -> {
 *     assertEquals(42, Jgo.run(AnswerGo.compute()));
 * });
 * }</pre>
 */
public final class GoTests {
    private GoTests() {
    }

    /** A test body: runs on a thread bound to the test's runtime. */
    @FunctionalInterface
    public interface Body {
        void run(GoRuntime rt) throws Throwable;
    }

    /** Default options: virtual time, leak check, a 30 s timeout (or {@code jgo.test.timeout}). */
    public static Options options() {
        return new Options();
    }

    /** How a test runs; see {@link GoTest} for what each option means. */
    public static final class Options {
        Duration timeout = defaultTimeout();
        boolean virtualTime = true;
        boolean allowLeaks;
        int gomaxprocs = 2;
        Long seed;
        String name = "jgo-test";

        private Options() {
        }

        public Options timeout(Duration d) {
            this.timeout = Objects.requireNonNull(d);
            return this;
        }

        public Options virtualTime(boolean on) {
            this.virtualTime = on;
            return this;
        }

        public Options allowLeaks(boolean allow) {
            this.allowLeaks = allow;
            return this;
        }

        public Options gomaxprocs(int n) {
            this.gomaxprocs = n;
            return this;
        }

        public Options seed(long s) {
            this.seed = s;
            return this;
        }

        /** Prefix of the runtime's thread names (the test's name helps in a thread dump). */
        public Options name(String n) {
            this.name = Objects.requireNonNull(n);
            return this;
        }

        Options copy() {
            Options o = new Options();
            o.timeout = timeout;
            o.virtualTime = virtualTime;
            o.allowLeaks = allowLeaks;
            o.gomaxprocs = gomaxprocs;
            o.seed = seed;
            o.name = name;
            return o;
        }

        GoRuntime newRuntime(List<Throwable> panics) {
            GoRuntime.Builder b = GoRuntime.builder().name(name).gomaxprocs(gomaxprocs)
                    .panicListener((id, e) -> panics.add(new GoroutinePanicException(id, e)));
            if (seed != null) {
                b.seed(seed);
            } else if (virtualTime) {
                b.virtualTime();
            }
            return b.build();
        }
    }

    static Duration defaultTimeout() {
        String p = System.getProperty("jgo.test.timeout");
        if (p != null && !p.isBlank()) {
            try {
                return Duration.ofSeconds(Long.parseLong(p.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("system property jgo.test.timeout must be a number of"
                        + " seconds, but is \"" + p + "\"", e);
            }
        }
        return Duration.ofSeconds(30);
    }

    /** Runs {@code body} once in a new runtime with {@code options}; throws what makes the test fail. */
    public static void run(Options options, Body body) throws Throwable {
        List<Throwable> panics = Collections.synchronizedList(new ArrayList<>());
        GoRuntime rt = options.newRuntime(panics);
        run(options, rt, panics, body);
    }

    /**
     * Runs {@code body} under {@code seeds} seeds in turn ({@code options}' seed and up, or from a
     * random start) and throws for the first seed that fails, naming it for replay.
     */
    public static void explore(Options options, int seeds, Body body) throws Throwable {
        long base = options.seed != null ? options.seed : System.nanoTime() & 0xffff_ffffL;
        for (int i = 0; i < seeds; i++) {
            long seed = base + i;
            try {
                run(options.copy().seed(seed), body);
            } catch (Throwable t) {
                AssertionError e = new AssertionError("failed under seed " + seed + " (run " + (i + 1) + " of "
                        + seeds + "); replay it with @GoTest(seed = " + seed + "L) or options().seed(" + seed
                        + "L): " + t, t);
                throw e;
            }
        }
    }

    @SuppressWarnings("try") // the binding is held, not used, for the body's duration
    static void run(Options options, GoRuntime rt, List<Throwable> panics, Body body) throws Throwable {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<String> stuck = new CompletableFuture<>();
        if (rt.hasVirtualTime()) {
            rt.onStuck(() -> stuck.complete(rt.dump()));
        }
        Thread thread = new Thread(() -> {
            try (GoRuntime.Binding ignored = rt.bindCurrentThread()) {
                body.run(rt);
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, options.name + "-body");
        thread.setDaemon(true);
        try {
            thread.start();
            try {
                CompletableFuture.anyOf(done, stuck).get(options.timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                String where = stackOf(thread);
                thread.interrupt();
                throw seeded(options, new AssertionError("the test did not end within " + options.timeout
                        + " of real time; the test's thread:\n" + where + "\ngoroutines:\n" + rt.dump()));
            }
            if (!done.isDone()) {
                String where = stackOf(thread);
                thread.interrupt();
                throw seeded(options, new AssertionError("all goroutines are asleep - deadlock!\n\nthe test's thread"
                        + " waits (nothing in the test's runtime can wake it):\n" + where + "\n" + stuck.get()));
            }
            try {
                done.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                addPanics(cause, panics);
                throw seeded(options, cause);
            }
            if (!panics.isEmpty()) {
                Throwable first = panics.get(0);
                AssertionError e = new AssertionError("a goroutine panicked: " + first.getCause(), first);
                addPanics(e, panics.subList(1, panics.size()));
                throw seeded(options, e);
            }
            if (!options.allowLeaks) {
                checkLeaks(rt);
            }
        } finally {
            rt.shutdown();
            rt.awaitTermination(Duration.ofSeconds(10));
        }
    }

    /** Fails if goroutines of {@code rt} outlive the test (after letting the finishing ones end). */
    private static void checkLeaks(GoRuntime rt) throws InterruptedException {
        if (rt.hasVirtualTime()) {
            rt.awaitAllEnded(Duration.ofSeconds(5)); // the clock runs on, so sleepers end too
        } else {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (rt.numGoroutine() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(1); // a real-time runtime offers no event for "the last goroutine ended"
            }
        }
        int n = rt.numGoroutine();
        if (n > 0) {
            throw new AssertionError(n + (n == 1 ? " goroutine" : " goroutines") + " still alive when the test"
                    + " ended (a leak; use @GoTest(allowLeaks = true) for goroutines meant to stay); alike ones"
                    + " grouped:\n\n" + rt.dump(DumpFormat.GROUPED));
        }
    }

    private static void addPanics(Throwable to, List<Throwable> panics) {
        synchronized (panics) {
            for (Throwable p : panics) {
                if (p != to && p.getCause() != to) {
                    to.addSuppressed(p);
                }
            }
        }
    }

    private static Throwable seeded(Options options, Throwable t) {
        if (options.seed != null) {
            t.addSuppressed(new SeedInfo(options.seed));
        }
        return t;
    }

    /** Attached to a seeded run's failure: the seed to replay it with. */
    static final class SeedInfo extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SeedInfo(long seed) {
            super("the schedule came from seed " + seed + "; replay it with @GoTest(seed = " + seed + "L)", null, false, false);
        }
    }

    private static String stackOf(Thread t) {
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : t.getStackTrace()) {
            sb.append("\tat ").append(e).append('\n');
        }
        return sb.toString();
    }
}
