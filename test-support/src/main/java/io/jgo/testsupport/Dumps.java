package io.jgo.testsupport;

import java.lang.reflect.InvocationTargetException;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The goroutine dump (when the runtime is on the class path) and a full thread dump, as text. */
public final class Dumps {
    /** A wedged scheduler must not wedge the report too. */
    private static final long GOROUTINE_DUMP_TIMEOUT_SECONDS = 5;

    private Dumps() {
    }

    /** Both dumps, goroutines first. */
    public static String all() {
        return "---- goroutines (io.jgo.Jgo.dump) ----\n" + goroutines()
                + "\n---- threads ----\n" + threads();
    }

    /**
     * {@code Jgo.dump()}, reached by name: this harness serves the runtime's own tests, so it
     * cannot depend on the runtime. Taken on a helper thread, bounded in time.
     */
    public static String goroutines() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> jgo;
        try {
            jgo = Class.forName("io.jgo.Jgo", true, loader != null ? loader : Dumps.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return "(the jgo runtime is not on this test's class path)\n";
        }
        CompletableFuture<String> dump = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                dump.complete(String.valueOf(jgo.getMethod("dump").invoke(null)));
            } catch (InvocationTargetException e) {
                dump.complete("(Jgo.dump() failed: " + e.getCause() + ")\n");
            } catch (ReflectiveOperationException | RuntimeException e) {
                dump.complete("(Jgo.dump() could not be called: " + e + ")\n");
            }
        }, "jgo-hang-report");
        t.setDaemon(true);
        t.start();
        try {
            return dump.get(GOROUTINE_DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "(Jgo.dump() did not answer within " + GOROUTINE_DUMP_TIMEOUT_SECONDS
                    + " s: the scheduler itself is stuck; see the threads below)\n";
        }
    }

    /** Every live thread with its state, what it is parked on, and its whole stack. */
    public static String threads() {
        StringBuilder sb = new StringBuilder();
        Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
        all.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Thread, StackTraceElement[]> e) -> e.getKey().getName())
                        .thenComparingLong(e -> e.getKey().getId()))
                .forEach(e -> {
                    Thread th = e.getKey();
                    sb.append('"').append(th.getName()).append("\" #").append(th.getId())
                            .append(th.isDaemon() ? " daemon" : "").append(' ').append(th.getState());
                    Object blocker = LockSupport.getBlocker(th);
                    if (blocker != null) {
                        sb.append(" parked on ").append(blocker.getClass().getName());
                    }
                    sb.append('\n');
                    for (StackTraceElement f : e.getValue()) {
                        sb.append("\tat ").append(f).append('\n');
                    }
                    sb.append('\n');
                });
        return sb.toString();
    }
}
