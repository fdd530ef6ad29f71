package io.jgo;

import io.jgo.internal.Frames;
import io.jgo.runtime.Frame;
import io.jgo.internal.G;
import io.jgo.internal.WaitReason;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** {@code Jgo.await}: a goroutine parks until a {@link CompletionStage} completes. */
final class Futures {
    private Futures() {
    }

    static Object await(CompletionStage<?> stage, Frame<?> frame) {
        if (stage instanceof CompletableFuture) {
            CompletableFuture<?> f = (CompletableFuture<?>) stage;
            if (f.isDone()) {
                try {
                    return f.join();
                } catch (CompletionException | CancellationException e) {
                    throw unwrap(e);
                }
            }
        }
        G g = Frames.goroutineOf(frame);
        // Park first: the callback may run at once (already complete) or on another thread;
        // either way it is the single ready() for this park.
        Object suspended = g.park(frame, WaitReason.AWAIT_FUTURE);
        stage.whenComplete((v, e) -> {
            if (e == null) {
                g.ready(v, null);
            } else {
                g.ready(null, unwrap(e));
            }
        });
        return suspended;
    }

    /** What an awaited failure throws: its unchecked cause, or a CompletionException. */
    static RuntimeException unwrap(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return new CompletionException(cause);
    }
}
