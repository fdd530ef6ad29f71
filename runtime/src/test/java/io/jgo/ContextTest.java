package io.jgo;

import static io.jgo.TestSupport.awaitTrue;
import static io.jgo.TestSupport.receivers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** context: cancellation tree, deadlines, values, done() in select; and Jgo.await. */
@Timeout(20)
class ContextTest {

    @Test
    void backgroundIsNeverCanceled() {
        Context bg = Context.background();
        assertTrue(((Chan<?>) bg.done()).isNil());
        assertNull(bg.err());
        assertTrue(bg.deadline().isEmpty());
        assertNull(bg.value("k"));
        assertEquals("context.Background", bg.toString());
        assertEquals("context.TODO", Context.todo().toString());
    }

    @RepeatedTest(3)
    void cancelReachesEveryDescendantButNotTheParent() {
        CancelContext root = Context.withCancel(Context.background());
        CancelContext child = Context.withCancel(Context.withValue(root, "k", "v"));
        CancelContext grandchild = Context.withTimeout(child, Duration.ofHours(1));
        CancelContext sibling = Context.withCancel(root);
        assertEquals("v", grandchild.value("k"));
        assertEquals(2, root.childCount());
        child.cancel();
        assertSame(Context.CANCELED, child.err());
        assertSame(Context.CANCELED, grandchild.err());
        assertFalse(grandchild.hasTimer(), "the deadline timer is released on cancel");
        assertNull(root.err());
        assertNull(sibling.err());
        assertEquals(1, root.childCount(), "a canceled child leaves its parent");
        child.cancel(); // idempotent
        root.cancel();
        assertSame(Context.CANCELED, sibling.err());
        assertEquals(new Received<>(null, false), sibling.done().tryRecv());
        assertEquals("context canceled", Context.CANCELED.getMessage());
    }

    @RepeatedTest(3)
    void childOfCanceledParentIsCanceledAtOnce() {
        CancelContext root = Context.withCancel(Context.background());
        root.cancel();
        CancelContext c = Context.withTimeout(root, Duration.ofHours(1));
        assertSame(Context.CANCELED, c.err());
        assertFalse(c.hasTimer());
    }

    @RepeatedTest(3)
    void deadlineCancelsWithDeadlineExceeded() {
        CancelContext c = Context.withTimeout(Context.background(), Duration.ofMillis(10));
        assertTrue(c.deadline().isPresent());
        assertNull(c.done().recv()); // closed by the deadline
        assertSame(Context.DEADLINE_EXCEEDED, c.err());
        assertEquals("context deadline exceeded", c.err().getMessage());
        assertTrue(Context.DEADLINE_EXCEEDED.timeout());
        c.cancel();
        assertSame(Context.DEADLINE_EXCEEDED, c.err(), "the first error stays");

        CancelContext past = Context.withDeadline(Context.background(), Instant.now().minusSeconds(1));
        assertSame(Context.DEADLINE_EXCEEDED, past.err());
    }

    @Test
    void earlierParentDeadlineWins() {
        CancelContext parent = Context.withTimeout(Context.background(), Duration.ofMinutes(1));
        CancelContext child = Context.withTimeout(parent, Duration.ofHours(1));
        assertFalse(child.hasTimer(), "the parent's earlier deadline will cancel it");
        assertEquals(parent.deadlineNanos(), child.deadlineNanos());
        parent.cancel();
        assertSame(Context.CANCELED, child.err());
    }

    @RepeatedTest(5)
    void doneWorksInASelectOfAGoroutine() {
        CancelContext ctx = Context.withCancel(Context.background());
        Chan<Integer> work = Chan.make();
        RecvCase<Void> done = ctx.done().onRecv();
        RecvCase<Integer> in = work.onRecv();
        CompletableFuture<List<Object>> g = Jgo.start(Steps.one(f -> Jgo.select(new Case[] {in, done}, f)));
        awaitTrue(() -> receivers((Chan<?>) ctx.done()) == 1);
        ctx.cancel();
        assertSame(done, g.join().get(0));
        assertEquals(0, receivers(work));
    }

    @Test
    void withValueRejectsNullKeyAndNullParent() {
        assertThrows(NullPointerException.class, () -> Context.withValue(Context.background(), null, 1));
        assertThrows(NullPointerException.class, () -> Context.withCancel(null));
        Context c = Context.withValue(Context.withValue(Context.background(), "a", 1), "b", 2);
        assertEquals(1, c.value("a"));
        assertEquals(2, c.value("b"));
        assertNull(c.value("c"));
    }

    // ------------------------------------------------------------ await

    @RepeatedTest(5)
    void awaitParksAGoroutineUntilTheFutureCompletes() {
        CompletableFuture<String> f = new CompletableFuture<>();
        CompletableFuture<List<Object>> g = Jgo.start(Steps.one(fr -> Jgo.await(f, fr)));
        CompletableFuture<String> done = CompletableFuture.completedFuture("now");
        assertEquals(List.of("now"), Jgo.run(Steps.one(fr -> Jgo.await(done, fr))));
        assertFalse(g.isDone());
        f.complete("later");
        assertEquals(List.of("later"), g.join());
    }

    @RepeatedTest(3)
    void awaitRethrowsTheFailureCause() {
        CompletableFuture<String> f = new CompletableFuture<>();
        CompletableFuture<List<Object>> g = Jgo.start(Steps.catching(i -> i == 0 ? fr -> Jgo.await(f, fr) : null));
        IllegalStateException boom = new IllegalStateException("boom");
        f.completeExceptionally(boom);
        assertSame(boom, g.join().get(0));
        assertSame(boom, assertThrows(IllegalStateException.class, () -> Jgo.await(f)));
        CompletableFuture<String> checked = CompletableFuture.failedFuture(new java.io.IOException("io"));
        assertInstanceOf(java.io.IOException.class,
                assertThrows(java.util.concurrent.CompletionException.class, () -> Jgo.await(checked)).getCause());
    }

    @RepeatedTest(3)
    void awaitFromAPlainThreadJoins() throws Exception {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        CompletableFuture<Integer> t = TestSupport.thread(() -> Jgo.await(f));
        f.complete(3);
        assertEquals(3, t.get());
    }
}
