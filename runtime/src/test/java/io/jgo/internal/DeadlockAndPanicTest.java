package io.jgo.internal;

import io.jgo.runtime.Frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgo.DeadlockException;
import io.jgo.GoroutineFailedException;
import io.jgo.GoroutinePanicException;
import io.jgo.Jgo;
import io.jgo.internal.TestFrames.Gate;
import io.jgo.internal.TestFrames.Leaf;
import io.jgo.internal.TestFrames.StartThenAwait;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Deadlock reports (never false ones), panics, the panic handler and the goroutine dump. */
class DeadlockAndPanicTest {

    /** Waits on a gate only it references, after starting a helper that waits on another. */
    static final class Stuck extends Frame<Integer> {
        final AtomicLong mainId;
        final AtomicLong helperId;
        final Gate mine = new Gate(WaitReason.CHAN_RECEIVE);
        final Gate helpers = new Gate(WaitReason.CHAN_SEND);

        Stuck(AtomicLong mainId, AtomicLong helperId) {
            this.mainId = mainId;
            this.helperId = helperId;
        }

        @Override
        protected Object resume(Object value, Throwable error) {
            if (label == 0) {
                mainId.set(Frames.goroutineOf(this).id());
                Gate h = helpers;
                AtomicLong hid = helperId;
                Jgo.go(new Frame<Void>() {
                    @Override
                    protected Object resume(Object value, Throwable error) {
                        if (label == 0) {
                            hid.set(Frames.goroutineOf(this).id());
                            label = 1;
                            return h.await(this);
                        }
                        return null;
                    }

                    @Override
                    public StackTraceElement location() {
                        return new StackTraceElement("example.Helper", "send", "Helper.java", 7);
                    }
                });
                label = 1;
                return mine.await(this);
            }
            return 1;
        }

        @Override
        public StackTraceElement location() {
            return new StackTraceElement("example.Main", "main", "Main.java", 42);
        }
    }

    @RepeatedTest(3)
    @Timeout(60)
    void whenEveryGoroutineIsStuckRunFailsWithGoStyleReport() {
        AtomicLong mainId = new AtomicLong();
        AtomicLong helperId = new AtomicLong();
        DeadlockException e = assertThrows(DeadlockException.class,
                () -> Jgo.run(new Stuck(mainId, helperId)));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("all goroutines are asleep - deadlock!"), msg);
        assertTrue(msg.contains("goroutine " + mainId.get() + " [chan receive]:\n"
                + "example.Main.main(...)\n\tMain.java:42\n"), msg);
        assertTrue(msg.contains("goroutine " + helperId.get() + " [chan send]:\n"
                + "example.Helper.send(...)\n\tHelper.java:7\n"), msg);
        assertTrue(e.dump().contains("goroutine " + mainId.get() + " [chan receive]"));
    }

    /**
     * The main goroutine waits for a plain thread, which wakes it only after the deadlock check
     * has run with everything idle: no false report (the plain thread could always wake it).
     */
    @RepeatedTest(3)
    @Timeout(60)
    void aGoroutineAPlainThreadCanStillWakeIsNoDeadlock() throws Exception {
        TestSched s = TestSched.ofDefault();
        Gate gate = new Gate();
        CountDownLatch parked = new CountDownLatch(1);
        AtomicReference<Throwable> plainFailure = new AtomicReference<>();
        Thread plain = new Thread(() -> {
            try {
                parked.await();
                long before = s.provedChecks();
                assertTrue(s.awaitDeadlockChecks(before, 30_000), "no deadlock check ran");
                gate.open(); // a ready from a plain thread: global queue + wake a P
            } catch (Throwable t) {
                plainFailure.set(t);
                gate.open();
            }
        });
        plain.start();
        int r = Jgo.run(new StartThenAwait<>(parked::countDown, gate, () -> 7));
        plain.join();
        assertEquals(null, plainFailure.get());
        assertEquals(7, r);
    }

    @RepeatedTest(3)
    @Timeout(30)
    void aPanicInAnotherGoroutineEndsRunWithItsId() {
        AtomicLong thrower = new AtomicLong();
        IllegalStateException boom = new IllegalStateException("boom");
        GoroutinePanicException e = assertThrows(GoroutinePanicException.class,
                () -> Jgo.run(new StartThenAwait<>(() -> Jgo.go(new Frame<Void>() {
                    @Override
                    protected Object resume(Object value, Throwable error) {
                        thrower.set(Frames.goroutineOf(this).id());
                        throw boom;
                    }
                }), new Gate(), () -> null)));
        assertEquals(thrower.get(), e.goroutineId());
        assertSame(boom, e.getCause());
        assertTrue(e.getMessage().contains("goroutine " + thrower.get()), e.getMessage());
    }

    @RepeatedTest(3)
    @Timeout(30)
    void aPanicHandlerReceivesThePanicInstead() {
        AtomicLong seenId = new AtomicLong();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Gate handled = new Gate();
        io.jgo.PanicHandler old = Jgo.setPanicHandler((id, p) -> {
            seenId.set(id);
            seen.set(p);
            handled.open();
        });
        try {
            AtomicLong thrower = new AtomicLong();
            int r = Jgo.run(new StartThenAwait<>(() -> Jgo.go(new Frame<Void>() {
                @Override
                protected Object resume(Object value, Throwable error) {
                    thrower.set(Frames.goroutineOf(this).id());
                    throw new ArithmeticException("1/0");
                }
            }), handled, () -> 5));
            assertEquals(5, r);
            assertEquals(thrower.get(), seenId.get());
            assertTrue(seen.get() instanceof ArithmeticException);
        } finally {
            Jgo.setPanicHandler(old);
        }
    }

    @Test
    @Timeout(30)
    void runRethrowsUncheckedAsIsAndWrapsChecked() {
        IllegalArgumentException iae = new IllegalArgumentException("bad");
        assertSame(iae, assertThrows(IllegalArgumentException.class, () -> Jgo.run(new Frame<Void>() {
            @Override
            protected Object resume(Object value, Throwable error) {
                throw iae;
            }
        })));
        Exception checked = new java.io.IOException("io");
        GoroutineFailedException e = assertThrows(GoroutineFailedException.class,
                () -> Jgo.run(new Frame<Void>() {
                    @Override
                    protected Object resume(Object value, Throwable error) throws Throwable {
                        throw checked;
                    }
                }));
        assertSame(checked, e.getCause());
    }

    @RepeatedTest(3)
    @Timeout(30)
    void dumpListsParkedGoroutinesWithReasonAndLocation() throws Exception {
        Gate gate = new Gate(WaitReason.SELECT);
        CountDownLatch parked = new CountDownLatch(1);
        AtomicLong id = new AtomicLong();
        Frame<Void> f = new Frame<Void>() {
            @Override
            protected Object resume(Object value, Throwable error) {
                if (label == 0) {
                    id.set(Frames.goroutineOf(this).id());
                    label = 3;
                    Object r = gate.await(this);
                    parked.countDown();
                    return r;
                }
                return null;
            }

            @Override
            public StackTraceElement location() {
                return new StackTraceElement("example.Sel", "loop", "Sel.java", 10 * label);
            }
        };
        java.util.concurrent.CompletableFuture<Void> done = Jgo.start(f);
        assertTrue(parked.await(10, TimeUnit.SECONDS));
        String dump = Jgo.dump();
        assertTrue(dump.contains("goroutine " + id.get() + " [select]:\nexample.Sel.loop(...)\n\tSel.java:30\n"), dump);
        gate.open();
        done.get(10, TimeUnit.SECONDS);
        assertTrue(!Jgo.dump().contains("goroutine " + id.get() + " "), "ended goroutines leave the dump");
    }

    @Test
    @Timeout(30)
    void runFromInsideAGoroutineHandsThePOff() throws Exception {
        int r = Jgo.start(new Leaf(() -> { })).thenApply(v -> 0).get(10, TimeUnit.SECONDS);
        assertEquals(0, r);
        Integer nested = Jgo.start(new Frame<Integer>() {
            @Override
            protected Object resume(Object value, Throwable error) {
                // untransformed code calling Jgo.run on a carrier: must not stall
                return Jgo.run(new Frame<Integer>() {
                    @Override
                    protected Object resume(Object value, Throwable error) {
                        return 41;
                    }
                }) + 1;
            }
        }).get(10, TimeUnit.SECONDS);
        assertEquals(42, nested);
    }
}
