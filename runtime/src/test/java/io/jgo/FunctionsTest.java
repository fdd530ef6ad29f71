package io.jgo;

import static io.jgo.TestSupport.awaitTrue;
import static io.jgo.TestSupport.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.runtime.Fn;
import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Suspending functions in the runtime: made as the processor makes them (Fn with a frame body),
 * or plain lambdas; Once, afterFunc, Context.afterFunc, WaitGroup.go, ErrGroup.go and select
 * with case bodies, from goroutines and plain threads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FunctionsTest {

    /** What the processor makes of {@code () -> { log.add("start"); ch.recv(); log.add("end"); }}. */
    private static GoRunnable parkingFunction(Chan<Integer> ch, List<String> log) {
        return Fn.runnable(() -> {
            log.add("start");
            ch.recv();
            log.add("end");
        }, caller -> Fn.call(caller, Steps.of(i -> switch (i) {
            case 0 -> f -> log.add("start");
            case 1 -> f -> ch.recv(f);
            case 2 -> f -> log.add("end");
            default -> null;
        })));
    }

    @RepeatedTest(5)
    void onceWithAFunctionThatParks() throws Exception {
        Once once = new Once();
        Chan<Integer> gate = Chan.make();
        List<String> log = new CopyOnWriteArrayList<>();
        GoRunnable f = parkingFunction(gate, log);
        assertTrue(Fn.suspends(f));
        CompletableFuture<List<Object>> first = Jgo.start(Steps.one(fr -> once.run(f, fr)));
        awaitTrue(() -> log.size() == 1); // f parked on the gate, holding the once
        CompletableFuture<List<Object>> second = Jgo.start(Steps.one(fr -> once.run(f, fr)));
        CompletableFuture<Void> plain = thread(() -> {
            once.run(f);
            return null;
        });
        awaitTrue(() -> once.queued() == 2);
        assertFalse(once.isDone());
        gate.send(1);
        first.get();
        second.get();
        plain.get();
        assertEquals(List.of("start", "end"), log);
        assertTrue(once.isDone());
    }

    @Test
    void onceWrapsACheckedException() {
        Once once = new Once();
        UndeclaredThrowableException e = assertThrows(UndeclaredThrowableException.class,
                () -> once.run(() -> {
                    throw new IOException("disk");
                }));
        assertEquals("disk", e.getCause().getMessage());
        assertTrue(once.isDone());
    }

    @RepeatedTest(3)
    void afterFuncStartsAPlainFunctionOnAThreadAndASuspendingOneAsAGoroutine() throws Exception {
        CompletableFuture<String> plain = new CompletableFuture<>();
        Jgo.afterFunc(Duration.ofMillis(1), () -> plain.complete(Thread.currentThread().getName()));
        assertEquals("jgo-plain-go", plain.get());

        Chan<Integer> ch = Chan.make();
        List<String> log = new CopyOnWriteArrayList<>();
        Jgo.afterFunc(Duration.ofMillis(1), parkingFunction(ch, log));
        awaitTrue(() -> log.size() == 1);
        ch.send(1); // the function's goroutine parked on ch; this wakes it
        awaitTrue(() -> log.size() == 2);
    }

    @Test
    void contextAfterFuncRunsOnceTheContextIsDoneUnlessStopped() throws Exception {
        CancelContext ctx = Context.withCancel(Context.background());
        CompletableFuture<String> ran = new CompletableFuture<>();
        AtomicInteger never = new AtomicInteger();
        Context.Stop stop = Context.afterFunc(ctx, () -> ran.complete(ctx.err().getMessage()));
        Context.Stop stopped = Context.afterFunc(ctx, never::incrementAndGet);
        assertTrue(stopped.stop());
        assertFalse(stopped.stop(), "stopped once");
        ctx.cancel();
        assertEquals("context canceled", ran.get());
        assertFalse(stop.stop(), "already started");

        CompletableFuture<Boolean> late = new CompletableFuture<>();
        Context.afterFunc(ctx, () -> late.complete(true)); // done already: runs at once
        assertTrue(late.get());

        Context.Stop background = Context.afterFunc(Context.background(), never::incrementAndGet);
        assertTrue(background.stop());
        assertEquals(0, never.get());
        assertThrows(NullPointerException.class, () -> Context.afterFunc(ctx, null));
    }

    @RepeatedTest(3)
    void waitGroupAndErrGroupTakeFunctions() throws Exception {
        WaitGroup wg = new WaitGroup();
        AtomicInteger sum = new AtomicInteger();
        for (int i = 1; i <= 5; i++) {
            int n = i;
            wg.go(() -> sum.addAndGet(n));
        }
        Chan<Integer> ch = Chan.make();
        List<String> log = new CopyOnWriteArrayList<>();
        wg.go(parkingFunction(ch, log));
        awaitTrue(() -> log.size() == 1 && wg.count() == 1); // the plain ones ended, the parked one holds
        ch.send(1);
        wg.await();
        assertEquals(15, sum.get());

        ErrGroup g = new ErrGroup();
        g.setLimit(2);
        g.go(() -> sum.addAndGet(100));
        g.go(() -> {
            throw new IOException("part failed");
        });
        Throwable first = g.await();
        assertInstanceOf(IOException.class, first);
        assertEquals(115, sum.get());
    }

    @Test
    void selectRunsTheFiredCasesBodyOnAPlainThread() {
        Chan<Integer> a = Chan.make(1);
        Chan<Integer> b = Chan.make(1);
        List<String> log = new CopyOnWriteArrayList<>();
        a.send(5);
        RecvCase<Integer> ra = a.onRecv(v -> log.add("a " + v));
        assertSame(ra, Jgo.select(ra, b.onRecv(() -> log.add("b"))));
        Case d = Jgo.otherwise(() -> log.add("default"));
        assertSame(d, Jgo.select(a.onRecv(() -> log.add("a")), d));
        SendCase<Integer> sb = b.onSend(7, () -> log.add("sent"));
        assertSame(sb, Jgo.select(sb, Jgo.otherwise(() -> log.add("default"))));
        a.close();
        Jgo.select(a.onRecvOk((v, ok) -> log.add(v + " " + ok)));
        Jgo.select(b.onRecv(), Jgo.timeout(Duration.ofMinutes(1), () -> log.add("slow")));
        Jgo.select(Chan.<Integer>nil().onRecv(), Jgo.timeout(Duration.ofMillis(1), () -> log.add("timeout")));
        assertEquals(List.of("a 5", "default", "sent", "null false", "timeout"), log);

        UndeclaredThrowableException e = assertThrows(UndeclaredThrowableException.class,
                () -> Jgo.select(Jgo.otherwise(() -> {
                    throw new IOException("body");
                })));
        assertEquals("body", e.getCause().getMessage());
        assertThrows(IllegalArgumentException.class, () -> Jgo.select(Jgo.otherwise(() -> { }),
                Jgo.otherwise(() -> { })));
        assertThrows(IllegalArgumentException.class, () -> Jgo.selectOrDefault(a.onRecv(() -> { })));
    }

    @RepeatedTest(5)
    void selectInAGoroutineRunsABodyThatParks() throws Exception {
        Chan<Integer> in = Chan.make();
        Chan<Integer> gate = Chan.make();
        List<String> log = new CopyOnWriteArrayList<>();
        GoConsumer<Integer> body = Fn.consumer(v -> log.add("plain " + v), (v, caller) -> Fn.call(caller,
                Steps.of(i -> switch (i) {
                    case 0 -> f -> log.add("got " + v);
                    case 1 -> f -> gate.recv(f);
                    case 2 -> f -> log.add("released");
                    default -> null;
                })));
        RecvCase<Integer> c = in.onRecv(body);
        CompletableFuture<List<Object>> g = Jgo.start(Steps.one(f -> Jgo.select(c, Chan.nil().onRecv(), f)));
        in.send(3); // the select parked; this fires its case, then the body parks on the gate
        awaitTrue(() -> log.size() == 1);
        assertFalse(g.isDone());
        gate.send(0);
        assertEquals(List.of(c), g.get());
        assertEquals(List.of("got 3", "released"), log);
    }
}
