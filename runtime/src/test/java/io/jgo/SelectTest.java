package io.jgo;

import static io.jgo.TestSupport.awaitParked;
import static io.jgo.TestSupport.awaitTrue;
import static io.jgo.TestSupport.receivers;
import static io.jgo.TestSupport.senders;
import static io.jgo.TestSupport.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Go's select: readiness, random choice, blocking, default, nil cases, close, reuse, cleanup. */
@Timeout(20)
class SelectTest {

    @Test
    void readyReceiveCaseFiresWithItsValue() {
        Chan<Integer> a = Chan.make(1);
        Chan<Integer> b = Chan.make(1);
        b.send(42);
        RecvCase<Integer> ca = a.onRecv();
        RecvCase<Integer> cb = b.onRecv();
        assertSame(cb, Jgo.select(ca, cb));
        assertEquals(42, cb.value());
        assertTrue(cb.ok());
    }

    @Test
    void readySendCaseSends() {
        Chan<Integer> a = Chan.make(1);
        SendCase<Integer> s = a.onSend(5);
        assertSame(s, Jgo.selectOrDefault(s));
        assertEquals(5, a.recv());
    }

    @Test
    void defaultFormReturnsNullWhenNothingIsReady() {
        Chan<Integer> a = Chan.make();
        Chan<Integer> full = Chan.make(1);
        full.send(1);
        assertNull(Jgo.selectOrDefault(a.onRecv(), full.onSend(2), Chan.<Integer>nil().onRecv()));
        assertNull(Jgo.selectOrDefault());
        assertEquals(0, receivers(a));
        assertEquals(0, senders(full), "a default select never queues");
    }

    @Test
    void amongReadyCasesTheChoiceIsUniform() {
        Chan<Integer> a = Chan.make(1);
        Chan<Integer> b = Chan.make(1);
        Chan<Integer> c = Chan.make(1);
        RecvCase<Integer> ra = a.onRecv();
        RecvCase<Integer> rb = b.onRecv();
        RecvCase<Integer> rc = c.onRecv();
        int n = 30_000;
        int[] hits = new int[3];
        for (int i = 0; i < n; i++) {
            a.trySend(1);
            b.trySend(2);
            c.trySend(3);
            Case fired = Jgo.select(ra, rb, rc);
            hits[fired == ra ? 0 : fired == rb ? 1 : 2]++;
        }
        // Each count is Binomial(30000, 1/3): mean 10000, sd 82. 9000..11000 is > 12 sd wide.
        for (int h : hits) {
            assertTrue(h > 9000 && h < 11000, "skewed choice: " + java.util.Arrays.toString(hits));
        }
    }

    @RepeatedTest(5)
    void blockedThreadSelectWakesOnTheCaseThatBecomesReady() throws Exception {
        Chan<String> a = Chan.make();
        Chan<String> b = Chan.make();
        RecvCase<String> ca = a.onRecv();
        RecvCase<String> cb = b.onRecv();
        CompletableFuture<Case> f = thread(() -> Jgo.select(ca, cb));
        awaitTrue(() -> receivers(a) == 1 && receivers(b) == 1);
        b.send("hi");
        assertSame(cb, f.get());
        assertEquals("hi", cb.value());
        assertEquals(0, receivers(a), "the other case was removed from its channel");
    }

    @RepeatedTest(5)
    void blockedGoroutineSelectWakesOnSendCase() {
        Chan<Integer> in = Chan.make();
        Chan<Integer> out = Chan.make();
        RecvCase<Integer> rin = in.onRecv();
        SendCase<Integer> sout = out.onSend(9);
        CompletableFuture<java.util.List<Object>> g = Jgo.start(Steps.one(f -> Jgo.select(new Case[] {rin, sout}, f)));
        awaitTrue(() -> receivers(in) == 1 && senders(out) == 1);
        assertEquals(9, out.recv());
        assertSame(sout, g.join().get(0));
        assertEquals(0, receivers(in));
    }

    @RepeatedTest(5)
    void closeFiresAReceiveCaseWithOkFalseAndFailsASendCase() throws Exception {
        Chan<Integer> a = Chan.make();
        RecvCase<Integer> ra = a.onRecv();
        CompletableFuture<Case> f = thread(() -> Jgo.select(ra));
        awaitTrue(() -> receivers(a) == 1);
        a.close();
        assertSame(ra, f.get());
        assertFalse(ra.ok());
        assertNull(ra.value());

        Chan<Integer> b = Chan.make();
        SendCase<Integer> sb = b.onSend(1);
        CompletableFuture<Case> s = thread(() -> Jgo.select(sb));
        awaitTrue(() -> senders(b) == 1);
        b.close();
        assertInstanceOf(SendOnClosedChannelException.class, assertThrows(Exception.class, s::get).getCause());

        // goroutine: the error is thrown at the select
        Chan<Integer> c = Chan.make();
        SendCase<Integer> sc = c.onSend(1);
        CompletableFuture<List<Object>> g = Jgo.start(Steps.catching(i -> i == 0 ? fr -> Jgo.select(new Case[] {sc}, fr) : null));
        awaitTrue(() -> senders(c) == 1);
        c.close();
        assertInstanceOf(SendOnClosedChannelException.class, g.join().get(0));
        // and a ready select with a send case on a closed channel throws at once
        assertThrows(SendOnClosedChannelException.class, () -> Jgo.selectOrDefault(c.onSend(2)));
    }

    @RepeatedTest(3)
    void nilCasesNeverFireAndSelectWithoutCasesBlocksForever() {
        Chan<Integer> nil = Chan.nil();
        Chan<Integer> a = Chan.make(1);
        a.send(1);
        for (int i = 0; i < 100; i++) {
            RecvCase<Integer> ra = a.onRecv();
            assertSame(ra, Jgo.select(nil.onRecv(), nil.onSend(1), ra));
            a.send(1);
        }
        Thread t = TestSupport.daemon(() -> Jgo.select());
        awaitParked(t);
        Thread t2 = TestSupport.daemon(() -> Jgo.select(nil.onRecv()));
        awaitParked(t2);
        assertTrue(t.isAlive() && t2.isAlive());
        CompletableFuture<List<Object>> g = Jgo.start(Steps.one(f -> Jgo.select(new Case[0], f)));
        Chan<Integer> other = Chan.make(1);
        other.send(1);
        assertEquals(1, other.recv());
        assertFalse(g.isDone());
    }

    @RepeatedTest(3)
    void casesAreReusableAcrossLoopIterations() {
        Chan<Integer> a = Chan.make();
        Chan<Integer> quit = Chan.make();
        Jgo.go(Steps.of(i -> i < 1000 ? f -> a.send(i, f) : i == 1000 ? f -> quit.send(0, f) : null));
        RecvCase<Integer> ra = a.onRecv();
        RecvCase<Integer> rq = quit.onRecv();
        long sum = 0;
        for (;;) {
            Case c = Jgo.select(ra, rq);
            if (c == rq) {
                break;
            }
            sum += ra.value();
        }
        assertEquals(499500, sum);
        assertEquals(0, receivers(a));
        assertEquals(0, receivers(quit));
    }

    @RepeatedTest(3)
    void aCaseInUseByABlockedSelectIsRejected() throws Exception {
        Chan<Integer> a = Chan.make();
        RecvCase<Integer> ra = a.onRecv();
        CompletableFuture<Case> f = thread(() -> Jgo.select(ra));
        awaitTrue(() -> receivers(a) == 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Jgo.selectOrDefault(ra));
        assertTrue(e.getMessage().contains("in use"));
        a.send(1);
        assertSame(ra, f.get());
        assertThrows(IllegalArgumentException.class, () -> Jgo.selectOrDefault(ra, ra));
        assertThrows(NullPointerException.class, () -> Jgo.selectOrDefault(ra, null));
    }

    @RepeatedTest(5)
    void selectSendAndReceiveOnTheSameChannelPairWithOthers() throws Exception {
        Chan<Integer> ch = Chan.make();
        // Two threads each select {send, receive} on the same channel: they must pair up.
        CompletableFuture<Case> x = thread(() -> Jgo.select(ch.onSend(1), ch.onRecv()));
        CompletableFuture<Case> y = thread(() -> Jgo.select(ch.onSend(2), ch.onRecv()));
        Case cx = x.get();
        Case cy = y.get();
        assertTrue(cx instanceof SendCase ^ cy instanceof SendCase, "one sent, the other received");
        RecvCase<?> r = (RecvCase<?>) (cx instanceof RecvCase ? cx : cy);
        SendCase<?> s = (SendCase<?>) (cx instanceof SendCase ? cx : cy);
        assertEquals(s.value(), r.value());
        assertEquals(0, receivers(ch));
        assertEquals(0, senders(ch));
    }

    @RepeatedTest(5)
    void twoSelectsWakingEachOtherNeverBothFire() {
        // Goroutine selects compete for one value: exactly one receives it; the other stays queued.
        Chan<Integer> a = Chan.make();
        Chan<Integer> b = Chan.make();
        List<CompletableFuture<List<Object>>> gs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            RecvCase<Integer> ra = a.onRecv();
            RecvCase<Integer> rb = b.onRecv();
            gs.add(Jgo.start(Steps.one(f -> Jgo.select(new Case[] {ra, rb}, f))));
        }
        awaitTrue(() -> receivers(a) == 2 && receivers(b) == 2);
        a.send(1);
        awaitTrue(() -> gs.get(0).isDone() || gs.get(1).isDone());
        awaitTrue(() -> receivers(a) == 1 && receivers(b) == 1);
        b.send(2);
        Case c0 = (Case) gs.get(0).join().get(0);
        Case c1 = (Case) gs.get(1).join().get(0);
        assertTrue(c0.chan != c1.chan);
        assertEquals(0, receivers(a) + receivers(b));
    }

    @RepeatedTest(3)
    void fixedArityTwinsMatchWhatTheProcessorEmits() {
        // The processor appends `this` to the source arguments: select(a, b) -> select(a, b, this).
        Chan<Integer> a = Chan.make(1);
        Chan<Integer> b = Chan.make(1);
        RecvCase<Integer> ra = a.onRecv();
        RecvCase<Integer> rb = b.onRecv();
        b.send(2);
        assertSame(rb, Jgo.run(Steps.one(f -> Jgo.select(ra, rb, f))).get(0));
        a.send(1);
        assertSame(ra, Jgo.run(Steps.one(f -> Jgo.select(ra, f))).get(0));
        a.send(3);
        RecvCase<Integer> n = Chan.<Integer>nil().onRecv();
        assertSame(ra, Jgo.run(Steps.one(f -> Jgo.select(n, ra, rb, f))).get(0));
        CompletableFuture<List<Object>> never = Jgo.start(Steps.one(Jgo::select));
        Chan<Integer> other = Chan.make(1);
        other.send(1);
        assertEquals(1, other.recv());
        assertFalse(never.isDone());
    }
}
