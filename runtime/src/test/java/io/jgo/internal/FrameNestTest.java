package io.jgo.internal;

import io.jgo.runtime.Frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgo.Jgo;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Frame#nest}: a suspending twin parks a runtime frame of its own under its caller. */
@Timeout(30)
class FrameNestTest {

    /** The runtime's frame: when resumed it finishes the operation and returns its result. */
    static final class Retry extends Frame<String> {
        int resumes;

        @Override
        protected Object resume(Object value, Throwable error) {
            resumes++;
            return "done after " + resumes + " resume(s)";
        }
    }

    /** A twin that always waits at {@code gate}, parking a nested {@link Retry}. */
    static Object twin(TestFrames.Gate gate, Frame<?> caller) {
        Retry r = Frame.nest(caller, new Retry());
        assertSame(caller, r.caller());
        assertSame(Frames.goroutineOf(caller), Frames.goroutineOf(r));
        return gate.await(r);
    }

    /** Generated-code shape: calls the twin, returns what it produced, wrapped. */
    static final class Caller extends Frame<String> {
        private final TestFrames.Gate gate;

        Caller(TestFrames.Gate gate) {
            this.gate = gate;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            if (label == 0) {
                label = 1;
                value = twin(gate, this);
                if (value == SUSPENDED) {
                    return SUSPENDED;
                }
            }
            return "caller got: " + value;
        }
    }

    @Test
    void theNestedFrameParksAndItsResultGoesToTheCaller() throws Exception {
        TestFrames.Gate gate = new TestFrames.Gate();
        Caller caller = new Caller(gate);
        CompletableFuture<String> f = Jgo.start(caller);
        while (Frames.goroutineOf(caller) == null || Frames.goroutineOf(caller).status() != G.WAITING) {
            Thread.yield();
        }
        assertEquals(Retry.class, Frames.goroutineOf(caller).top().getClass(), "the nested frame is parked");
        gate.open();
        assertEquals("caller got: done after 1 resume(s)", f.get());
    }

    @Test
    void aFrameIsNestedOnce() {
        Caller caller = new Caller(new TestFrames.Gate());
        TestSched.newG(caller); // started: it has a goroutine (never scheduled here)
        Retry r = Frame.nest(caller, new Retry());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Frame.nest(caller, r));
        assertEquals("this frame was already started", e.getMessage());
    }
}
