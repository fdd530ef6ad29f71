package io.jgo.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.GoRuntime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** jgo.schedtrace: the monitor logs the SCHED line periodically, also while the runtime idles. */
class SchedTraceTest {

    @Test
    @Timeout(60)
    void theMonitorLogsTheSchedLineEveryPeriod() throws Exception {
        Logger jul = Logger.getLogger("io.jgo.schedtrace");
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getMessage().startsWith("SCHED gomaxprocs=3 ")) {
                    lines.add(r.getMessage());
                    three.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        String old = System.getProperty("jgo.schedtrace");
        System.setProperty("jgo.schedtrace", "20");
        long t0 = System.nanoTime();
        try (GoRuntime rt = GoRuntime.builder().gomaxprocs(3).name("traced").build()) {
            System.clearProperty("jgo.schedtrace"); // read when the runtime is built
            // nothing runs: the idle monitor still wakes for the trace
            assertTrue(three.await(30, TimeUnit.SECONDS), "three traces of an idle runtime: " + lines);
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(elapsedMs >= 40, "every 20 ms, not faster: " + elapsedMs + " ms for " + lines.size());
            assertTrue(lines.get(0).contains("\n  P0: runq="), lines.get(0));
        } finally {
            jul.removeHandler(h);
            if (old != null) {
                System.setProperty("jgo.schedtrace", old);
            } else {
                System.clearProperty("jgo.schedtrace");
            }
        }
    }
}
