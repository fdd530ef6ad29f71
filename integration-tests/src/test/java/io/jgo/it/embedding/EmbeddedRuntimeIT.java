package io.jgo.it.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.Chan;
import io.jgo.DeadlockException;
import io.jgo.GoRuntime;
import io.jgo.GoroutinePanicException;
import io.jgo.RuntimeClosedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * jgo embedded the way a server, a test or a container embeds it: runtime instances side by side,
 * one failure domain per request, closing, and carriers that do not pile up.
 */
class EmbeddedRuntimeIT {

    private static List<Thread> threads(String prefix) {
        List<Thread> all = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(prefix)) {
                all.add(t);
            }
        }
        return all;
    }

    /** Threads alive whose name starts with {@code prefix}. */
    private static List<String> threadsNamed(String prefix) {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(prefix)) {
                names.add(t.getName());
            }
        }
        return names;
    }

    @RepeatedTest(3)
    @Timeout(60)
    void twoRuntimesWorkSideBySideAndShareChannels() throws Exception {
        try (GoRuntime a = GoRuntime.builder().gomaxprocs(2).name("alpha").build();
                GoRuntime b = GoRuntime.builder().gomaxprocs(1).name("beta").build()) {
            Chan<Integer> ping = Chan.make();
            Chan<Integer> pong = Chan.make();
            CompletableFuture<Integer> echo = b.start(RequestsGo.echo(ping, pong, 10_000));
            int last = a.run(RequestsGo.pingPong(ping, pong, 10_000));
            assertEquals(10_000, last);
            assertEquals(10_000, echo.get(30, TimeUnit.SECONDS));
            assertFalse(threadsNamed("alpha-m").isEmpty(), "runtime a has its own carriers");
            assertFalse(threadsNamed("beta-m").isEmpty(), "runtime b has its own carriers");

            // A goroutine parked in b counts in b only.
            CompletableFuture<Integer> parked = b.start(RequestsGo.parkForever());
            assertEquals(0, a.numGoroutine());
            assertTrue(b.numGoroutine() >= 1);

            b.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> parked.get(10, TimeUnit.SECONDS));
            assertInstanceOf(RuntimeClosedException.class, e.getCause());
            assertEquals(List.of(), threadsNamed("beta-"), "closing b leaves none of its threads alive");
            assertThrows(RuntimeClosedException.class, () -> b.run(RequestsGo.handle(1)));

            // a goes on as if nothing happened
            assertEquals(4 * 5 + 6, a.run(RequestsGo.handle(5)));
        }
        assertEquals(List.of(), threadsNamed("alpha-"), "closing a leaves none of its threads alive");
    }

    /**
     * Eight request threads of a pool share one runtime. One request's helper goroutine panics:
     * only that request fails. Another request deadlocks: it is reported while the others keep
     * the runtime busy.
     */
    @RepeatedTest(2)
    @Timeout(120)
    void aServerRequestFailsAloneAndADeadlockIsFoundWhileOthersRun() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (GoRuntime rt = GoRuntime.builder().gomaxprocs(2).name("server").build()) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger served = new AtomicInteger();
            AtomicReference<Throwable> wrong = new AtomicReference<>();
            List<Future<?>> traffic = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                traffic.add(pool.submit(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        try {
                            int r = rt.run(RequestsGo.handle(n));
                            if (r != 4 * n + 6) {
                                wrong.compareAndSet(null, new AssertionError("request " + n + " got " + r));
                            }
                            served.incrementAndGet();
                        } catch (Throwable e) {
                            wrong.compareAndSet(null, e);
                        }
                    }
                }));
            }
            Future<Throwable> panicked = pool.submit(() -> {
                try {
                    rt.run(RequestsGo.panics(7));
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });
            long t0 = System.nanoTime();
            Future<Throwable> deadlocked = pool.submit(() -> {
                try {
                    rt.run(RequestsGo.deadlocks());
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });

            Throwable p = panicked.get(60, TimeUnit.SECONDS);
            assertInstanceOf(GoroutinePanicException.class, p, "the panicking request fails with the panic");
            assertInstanceOf(IllegalStateException.class, p.getCause());
            assertTrue(p.getCause().getMessage().contains("request 7"), p.getCause().getMessage());

            Throwable d = deadlocked.get(60, TimeUnit.SECONDS);
            long reportedAfterMillis = (System.nanoTime() - t0) / 1_000_000;
            int servedMeanwhile = served.get();
            assertInstanceOf(DeadlockException.class, d, "the deadlocked request is reported");
            String report = d.getMessage();
            assertTrue(report.startsWith("all goroutines are asleep - deadlock!"), report);
            assertTrue(report.contains("[chan receive]") && report.contains("[sync.WaitGroup.Wait]"),
                    "the report shows the request's goroutines and what they wait for:\n" + report);
            assertFalse(report.contains("Requests.handle"), "other requests' goroutines are not in it:\n" + report);

            stop.set(true);
            for (Future<?> f : traffic) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(null, wrong.get(), "every other request succeeded");
            assertTrue(servedMeanwhile > 0, "other requests were served while the deadlock was found");
            System.out.printf("deadlocked request reported after %d ms while %d other requests were served%n",
                    reportedAfterMillis, servedMeanwhile);
            assertTrue(reportedAfterMillis < 10_000, "reported after " + reportedAfterMillis + " ms");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(60)
    void goRulePanicEndsEveryWaitingRoot() throws Exception {
        try (GoRuntime rt = GoRuntime.builder().gomaxprocs(2).name("gorule")
                .panicPolicy(GoRuntime.PanicPolicy.FAIL_ALL).build()) {
            CompletableFuture<Integer> bystander = rt.start(RequestsGo.parkForever());
            assertThrows(GoroutinePanicException.class, () -> rt.run(RequestsGo.panics(1)));
            ExecutionException e = assertThrows(ExecutionException.class, () -> bystander.get(10, TimeUnit.SECONDS));
            assertInstanceOf(GoroutinePanicException.class, e.getCause());
        }
    }

    @Test
    @Timeout(60)
    void anUnobservedPanicGoesToTheDefaultUncaughtExceptionHandler() throws Exception {
        Thread.UncaughtExceptionHandler old = Thread.getDefaultUncaughtExceptionHandler();
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> seen.complete(e));
        try (GoRuntime rt = GoRuntime.builder().gomaxprocs(1).name("unobserved").build()) {
            rt.go(RequestsGo.explode(3)); // from a plain thread: nobody waits for it
            Throwable e = seen.get(30, TimeUnit.SECONDS);
            assertInstanceOf(GoroutinePanicException.class, e);
            assertTrue(e.getCause().getMessage().contains("request 3"));
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(old);
        }
    }

    /** 1,000 goroutines that each block their carrier once leave no crowd of carriers behind. */
    @Test
    @Timeout(120)
    void surplusCarriersEndAfterBlocking() throws Exception {
        try (GoRuntime rt = GoRuntime.builder().gomaxprocs(2).name("blocky")
                .carrierKeepAlive(Duration.ofMillis(200)).build()) {
            Chan<Boolean> done = Chan.make(1000);
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                all.add(rt.start(RequestsGo.blockOnce(done)));
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
            List<Thread> carriers = threads("blocky-m");
            int peak = carriers.size();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            // Wait for surplus carriers to end by joining them: each join returns when one ends.
            while (rt.carrierThreads() > 2 + 2 && System.nanoTime() < deadline) {
                for (Thread t : carriers) {
                    if (t.isAlive()) {
                        t.join(100);
                        break;
                    }
                }
            }
            int left = rt.carrierThreads();
            System.out.printf("carriers: %d right after the blocking burst, %d a few seconds later (GOMAXPROCS 2)%n",
                    peak, left);
            assertTrue(left <= 4, left + " carriers still alive");
            assertNotNull(rt.run(RequestsGo.handle(1)), "the runtime still works with fewer carriers");
        }
    }

    @Test
    @Timeout(60)
    void theCarrierLimitBoundsThreadsUnderBlocking() throws Exception {
        try (GoRuntime rt = GoRuntime.builder().gomaxprocs(2).name("capped").maxCarriers(4).build()) {
            Chan<Boolean> done = Chan.make(200);
            List<CompletableFuture<Void>> all = new ArrayList<>();
            AtomicInteger peak = new AtomicInteger();
            for (int i = 0; i < 200; i++) {
                all.add(rt.start(RequestsGo.blockOnce(done)));
                peak.accumulateAndGet(threadsNamed("capped-m").size(), Math::max);
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
            assertTrue(peak.get() <= 4, "peak " + peak.get() + " carriers with maxCarriers(4)");
            assertEquals(200, done.len());
        }
    }

    /** After a reported deadlock the goroutines proved dead no longer count, as the dump agrees. */
    @RepeatedTest(3)
    @Timeout(60)
    void afterADeadlockNothingIsLeftCountedOrDumped() {
        try (GoRuntime rt = GoRuntime.builder().gomaxprocs(2).name("afterdeadlock").build()) {
            DeadlockException e = assertThrows(DeadlockException.class, () -> rt.run(RequestsGo.deadlocks()));
            assertTrue(e.dump().contains("goroutine 1 [sync.WaitGroup.Wait]"), e.dump());
            assertEquals(0, rt.numGoroutine(), rt.dump());
            assertEquals("", rt.dump());
        }
    }

    @Test
    void theDefaultRuntimeCannotBeClosed() {
        assertThrows(UnsupportedOperationException.class, () -> GoRuntime.defaultRuntime().close());
    }
}
