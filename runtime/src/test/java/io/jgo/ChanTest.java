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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Go's channel rules, from plain threads, from goroutines (hand-written frames), and mixed. */
@Timeout(20)
class ChanTest {

    // ------------------------------------------------------------ unbuffered

    @RepeatedTest(5)
    void unbufferedSendCompletesOnlyWhenAReceiverTakesTheValue() throws Exception {
        Chan<String> ch = Chan.make();
        AtomicBoolean sent = new AtomicBoolean();
        CompletableFuture<Void> sender = thread(() -> {
            ch.send("x");
            sent.set(true);
            return null;
        });
        awaitTrue(() -> senders(ch) == 1);
        assertFalse(sent.get(), "send returned before any receiver");
        assertEquals("x", ch.recv());
        sender.get();
        assertTrue(sent.get());
    }

    @RepeatedTest(5)
    void unbufferedSendFromGoroutineWaitsForThreadReceiver() {
        Chan<Integer> ch = Chan.make();
        CompletableFuture<List<Object>> g = Jgo.start(Steps.one(f -> ch.send(7, f)));
        awaitTrue(() -> senders(ch) == 1);
        assertFalse(g.isDone());
        assertEquals(7, ch.recv());
        assertEquals(Arrays.asList((Object) null), g.join());
    }

    @RepeatedTest(5)
    void goroutineReceiverGetsValueFromThreadSender() {
        Chan<Integer> ch = Chan.make();
        CompletableFuture<List<Object>> g = Jgo.start(Steps.repeat(3, ch::recv));
        for (int i = 0; i < 3; i++) {
            ch.send(i);
        }
        assertEquals(List.of(0, 1, 2), g.join());
    }

    @Test
    void trySendAndTryRecvOnUnbufferedNeedAPartner() throws Exception {
        Chan<Integer> ch = Chan.make();
        assertFalse(ch.trySend(1));
        assertNull(ch.tryRecv());
        CompletableFuture<Integer> r = thread(ch::recv);
        awaitTrue(() -> receivers(ch) == 1);
        assertTrue(ch.trySend(5));
        assertEquals(5, r.get());
        CompletableFuture<Void> s = thread(() -> {
            ch.send(6);
            return null;
        });
        awaitTrue(() -> senders(ch) == 1);
        assertEquals(new Received<>(6, true), ch.tryRecv());
        s.get();
    }

    // ------------------------------------------------------------ buffered

    @Test
    void bufferedChannelIsFifoAndBlocksOnlyWhenFull() {
        Chan<Integer> ch = Chan.make(3);
        assertEquals(3, ch.cap());
        for (int i = 1; i <= 3; i++) {
            ch.send(i);
        }
        assertEquals(3, ch.len());
        assertFalse(ch.trySend(4), "full buffer");
        assertEquals(1, ch.recv());
        assertTrue(ch.trySend(4));
        assertEquals(List.of(2, 3, 4), List.of(ch.recv(), ch.recv(), ch.recv()));
        assertEquals(0, ch.len());
    }

    @RepeatedTest(5)
    void blockedSendersRefillTheBufferInArrivalOrder() throws Exception {
        Chan<Integer> ch = Chan.make(2);
        ch.send(0);
        ch.send(1);
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (int i = 2; i < 6; i++) {
            int v = i;
            senders.add(thread(() -> {
                ch.send(v);
                return null;
            }));
            int queued = i - 1;
            awaitTrue(() -> senders(ch) == queued); // arrival order is known
        }
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            got.add(ch.recv());
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5), got);
        for (CompletableFuture<Void> s : senders) {
            s.get();
        }
    }

    @RepeatedTest(5)
    void blockedReceiversAreServedFirstComeFirstServed() throws Exception {
        Chan<Integer> ch = Chan.make(1);
        List<CompletableFuture<Integer>> rs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rs.add(thread(ch::recv));
            int queued = i + 1;
            awaitTrue(() -> receivers(ch) == queued);
        }
        for (int i = 0; i < 4; i++) {
            ch.send(i);
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(i, rs.get(i).get());
        }
    }

    @Test
    void makeRejectsNegativeSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Chan.make(-1));
        assertTrue(e.getMessage().contains("makechan: size out of range"));
    }

    // ------------------------------------------------------------ close

    @Test
    void afterCloseReceiversDrainThenGetNullWithOkFalse() {
        Chan<String> ch = Chan.make(2);
        ch.send("a");
        ch.send(null); // nulls are values
        ch.close();
        assertEquals(new Received<>("a", true), ch.recvOk());
        assertEquals(new Received<>(null, true), ch.recvOk());
        assertEquals(new Received<>(null, false), ch.recvOk());
        assertNull(ch.recv());
        assertEquals(new Received<>(null, false), ch.tryRecv());
        assertTrue(ch.isClosed());
    }

    @Test
    void sendOnClosedAndCloseOfClosedThrowGoMessages() {
        Chan<Integer> ch = Chan.make(1);
        ch.close();
        SendOnClosedChannelException s = assertThrows(SendOnClosedChannelException.class, () -> ch.send(1));
        assertEquals("send on closed channel", s.getMessage());
        assertThrows(SendOnClosedChannelException.class, () -> ch.trySend(1));
        CloseOfClosedChannelException c = assertThrows(CloseOfClosedChannelException.class, ch::close);
        assertEquals("close of closed channel", c.getMessage());
    }

    @RepeatedTest(5)
    void closeWakesBlockedThreadReceiversAndFailsBlockedThreadSenders() throws Exception {
        Chan<Integer> in = Chan.make();
        CompletableFuture<Received<Integer>> r1 = thread(in::recvOk);
        CompletableFuture<Integer> r2 = thread(in::recv);
        awaitTrue(() -> receivers(in) == 2);
        in.close();
        assertEquals(new Received<>(null, false), r1.get());
        assertNull(r2.get());

        Chan<Integer> out = Chan.make();
        CompletableFuture<Void> s = thread(() -> {
            out.send(1);
            return null;
        });
        awaitTrue(() -> senders(out) == 1);
        out.close();
        Throwable e = assertThrows(Exception.class, s::get).getCause();
        assertInstanceOf(SendOnClosedChannelException.class, e);
    }

    @RepeatedTest(5)
    void closeWakesBlockedGoroutinesWithGoSemantics() {
        Chan<Integer> ch = Chan.make();
        CompletableFuture<List<Object>> recv = Jgo.start(Steps.one(ch::recv));
        CompletableFuture<List<Object>> recvOk = Jgo.start(Steps.one(ch::recvOk));
        CompletableFuture<List<Object>> range = Jgo.start(Steps.one(ch::rangeNext));
        awaitTrue(() -> receivers(ch) == 3);
        ch.close();
        assertEquals(Arrays.asList((Object) null), recv.join());
        assertEquals(List.of(new Received<>(null, false)), recvOk.join());
        assertEquals(List.of(Chan.END), range.join());

        Chan<Integer> out = Chan.make();
        CompletableFuture<List<Object>> send = Jgo.start(Steps.catching(i -> i == 0 ? f -> out.send(1, f) : null));
        awaitTrue(() -> senders(out) == 1);
        out.close();
        assertInstanceOf(SendOnClosedChannelException.class, send.join().get(0));
    }

    @Test
    void goroutineSendOnClosedChannelThrowsAtOnce() {
        Chan<Integer> ch = Chan.make(1);
        ch.close();
        List<Object> r = Jgo.run(Steps.catching(i -> i == 0 ? f -> ch.send(1, f) : null));
        assertInstanceOf(SendOnClosedChannelException.class, r.get(0));
    }

    @Test
    void nullValuesAreToldApartFromClosedByOk() {
        Chan<String> ch = Chan.make();
        CompletableFuture<List<Object>> g = Jgo.start(Steps.repeat(2, ch::recvOk));
        ch.send(null);
        ch.close();
        assertEquals(List.of(new Received<>(null, true), new Received<>(null, false)), g.join());
    }

    // ------------------------------------------------------------ range

    @RepeatedTest(5)
    void rangeFromThreadAndGoroutineEndsAfterCloseAndDrain() {
        Chan<Integer> ch = Chan.make(4);
        Jgo.go(Steps.of(i -> i < 100 ? f -> ch.send(i, f) : i == 100 ? f -> {
            ch.close();
            return null;
        } : null));
        int sum = 0;
        for (int v : ch) {
            sum += v;
        }
        assertEquals(4950, sum);

        Chan<Integer> ch2 = Chan.make();
        CompletableFuture<List<Object>> g = Jgo.start(Steps.until(ch2::rangeNext, v -> v == Chan.END));
        for (int i = 0; i < 10; i++) {
            ch2.send(i);
        }
        ch2.close();
        List<Object> got = g.join();
        assertEquals(Chan.END, got.get(got.size() - 1));
        assertEquals(11, got.size());
    }

    // ------------------------------------------------------------ nil

    @RepeatedTest(3)
    void nilChannelBlocksForeverAndCannotBeClosed() {
        Chan<Integer> nil = Chan.nil();
        assertTrue(nil.isNil());
        assertFalse(nil.trySend(1));
        assertNull(nil.tryRecv());
        assertEquals(0, nil.cap());
        CloseOfNilChannelException e = assertThrows(CloseOfNilChannelException.class, nil::close);
        assertEquals("close of nil channel", e.getMessage());
        Thread t = TestSupport.daemon(nil::recv);
        awaitParked(t);
        assertTrue(t.isAlive());
        CompletableFuture<List<Object>> g = Jgo.start(Steps.one(f -> nil.send(1, f)));
        // A goroutine blocked on a nil channel is never readied: a later event on another
        // channel happens while it is still blocked.
        Chan<Integer> other = Chan.make(1);
        other.send(1);
        assertEquals(1, other.recv());
        assertFalse(g.isDone());
    }

    // ------------------------------------------------------------ views

    @Test
    void sendOnlyAndRecvOnlyViewsShareTheChannel() {
        Chan<Integer> ch = Chan.make(1);
        SendChan<Integer> out = ch.sendOnly();
        RecvChan<Integer> in = ch.recvOnly();
        out.send(3);
        assertEquals(3, in.recv());
        out.close();
        assertEquals(new Received<>(null, false), in.recvOk());
    }

    // ------------------------------------------------------------ mixed ping-pong

    @RepeatedTest(5)
    void goroutinesAndThreadsPingPongInBothDirections() {
        Chan<Integer> ping = Chan.make();
        Chan<Integer> pong = Chan.make();
        int n = 500;
        // goroutine: step 2r receives r, step 2r + 1 sends 2r + 1
        Jgo.go(Steps.of(i -> i >= 2 * n ? null : i % 2 == 0 ? ping::recv : f -> pong.send(i, f)));
        for (int i = 0; i < n; i++) {
            ping.send(i);
            assertEquals(2 * i + 1, pong.recv());
        }
    }

    @Test
    void toStringNamesTheChannel() {
        assertEquals("chan(nil)", Chan.nil().toString());
        Chan<Integer> c = Chan.make(2);
        assertEquals("chan(len=0, cap=2)", c.toString());
        assertSame(c, c.sendOnly());
    }
}
