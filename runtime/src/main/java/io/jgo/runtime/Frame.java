package io.jgo.runtime;

import io.jgo.Task;
import io.jgo.internal.Frames;
import io.jgo.internal.G;
import io.jgo.internal.M;
import io.jgo.internal.StackTraces;

/**
 * One activation of a {@code @Go} method, on the heap: the contract between the processor's
 * generated code and the scheduler.
 *
 * <h2>The contract</h2>
 * <ul>
 *   <li><b>State.</b> A generated frame keeps the method's parameters, and every local that lives
 *       across a suspension point, in fields; {@link #label} says where to continue. A new frame
 *       has {@code label == 0}: the method's entry.</li>
 *   <li><b>Running.</b> {@link #resume(Object, Throwable)} runs the state machine from {@code label}
 *       until the method returns (the result, boxed; {@code null} for {@code void}), throws, or
 *       cannot go on without waiting, in which case it returns {@link #SUSPENDED}.</li>
 *   <li><b>Suspending.</b> Before a suspension point a frame stores the label to continue at, then
 *       calls the operation's suspending twin (see {@link Suspending}) with itself as the last
 *       argument. The twin either returns the result at once (continue in the same activation), or
 *       parks the goroutine via {@code G.park} and returns {@code SUSPENDED};
 *       the frame then returns {@code SUSPENDED} at once, writing nothing more to itself.</li>
 *   <li><b>Resuming.</b> When the goroutine runs again the scheduler calls {@code resume(value,
 *       null)} on the parked frame with the operation's result, or {@code resume(null, error)}
 *       when the operation failed (send on a closed channel, a callee's exception): the frame must
 *       then throw {@code error} at that suspension point, where the user's {@code catch} and
 *       {@code finally} see it.</li>
 *   <li><b>Calling another {@code @Go} method.</b> The caller stores its label, builds the
 *       callee's frame and calls {@link #call(Frame)}: the callee runs at once on the Java stack
 *       (a call that does not suspend costs one allocation and two virtual calls). If it
 *       suspends, {@code call} returns {@code SUSPENDED} and the caller returns it too: the Java
 *       stack unwinds completely, frame by frame. On wake-up the scheduler resumes the innermost
 *       frame and, when it returns, passes its result (or exception) to {@link #caller()}'s
 *       {@code resume}, in a loop: resuming a chain of any depth never grows the Java stack.</li>
 *   <li><b>Location.</b> {@link #location()} names the source line of the suspension point
 *       {@code label} stands at, for goroutine dumps and the deadlock report. It is computed only
 *       when asked; suspending writes nothing but {@code label}.</li>
 *   <li><b>Preemption.</b> Generated loops test {@link #preemptRequested()} on each back-edge and,
 *       when it is set, yield through {@code Jgo.gosched(frame)} like any other suspension.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * A frame belongs to one goroutine and runs on one carrier thread at a time. A waker may make the
 * goroutine runnable (and another carrier may resume it) before the parking carrier has finished
 * unwinding: that is safe because a frame writes nothing to itself after its suspending call
 * returned {@code SUSPENDED}, and the waker's hand-off (a lock or a queue) orders the frame's
 * earlier writes before the resumption.
 *
 * @param <R> the result type of the method ({@code Void} for {@code void})
 */
public abstract class Frame<R> implements Task<R> {

    /** What a suspending operation, and then every frame on the chain, returns when parked. */
    public static final Object SUSPENDED = Suspended.MARKER;

    /** Where the state machine continues; 0 on entry. Written only by the frame itself. */
    protected int label;

    /** The frame that receives this frame's result; null for a goroutine's root frame. */
    Frame<?> caller;

    /** The goroutine this frame runs in; set when it starts (by {@link #call} or by spawning). */
    G g;

    static {
        Frames.install(new Access());
    }

    protected Frame() {
    }

    /**
     * Runs the state machine from {@link #label}.
     *
     * @param value the result of the suspension point the frame resumes at (a received element, a
     *              callee's return value); {@code null} on entry
     * @param error non-null when that suspension point ended by throwing: the frame throws it there
     * @return the method's result, or {@link #SUSPENDED}
     */
    protected abstract Object resume(Object value, Throwable error) throws Throwable;

    /**
     * Calls another {@code @Go} method's frame as a nested call of this one.
     *
     * @return the callee's result, or {@link #SUSPENDED} if it parked (this frame must then
     *         return {@code SUSPENDED} itself)
     */
    protected final Object call(Frame<?> callee) throws Throwable {
        if (callee.g != null) {
            throw new IllegalStateException("this @Go call was already started: a Task runs once");
        }
        callee.caller = this;
        callee.g = g;
        if (!(Thread.currentThread() instanceof M m)) {
            try {
                return callee.resume(null, null);
            } catch (Throwable t) {
                StackTraces.crossing(t, callee);
                throw t;
            }
        }
        if (m.callDepth >= MAX_NESTED_CALLS) {
            // Deep recursion: instead of growing the carrier's stack, return SUSPENDED through
            // every frame on it (each has saved its state, as for a park) and let the trampoline
            // run the callee on an empty stack. Not a park: the goroutine stays RUNNING.
            g.unwindTo(callee);
            return SUSPENDED;
        }
        m.callDepth++;
        try {
            return callee.resume(null, null);
        } catch (Throwable t) {
            // the exception leaves the callee for its caller: the one place, with the
            // trampoline's, where a trace is rewritten into the user's source (an exception
            // path only: a call that returns runs none of it)
            StackTraces.crossing(t, callee);
            throw t;
        } finally {
            m.callDepth--;
        }
    }

    /**
     * How many nested {@code @Go} calls run on one carrier's Java stack before the next one
     * unwinds into the trampoline: a call chain never overflows the stack however deep it goes
     * (it is bounded by the heap, like Go's growable stacks), and unwinding costs one return
     * per frame once every this many calls.
     */
    static final int MAX_NESTED_CALLS = 256;

    /**
     * Links {@code callee}, a frame of the runtime's own, as a nested call of {@code caller} (as
     * {@link #call} does) without running it: for a suspending twin, which has no frame to call
     * from, that must park a frame of its own (one that retries the operation when resumed)
     * instead of the caller. When the callee returns, its result goes to {@code caller}.
     */
    public static <F extends Frame<?>> F nest(Frame<?> caller, F callee) {
        if (callee.g != null) {
            throw new IllegalStateException("this frame was already started");
        }
        callee.caller = caller;
        callee.g = caller.g;
        return callee;
    }

    /**
     * True for a runtime frame that a suspending operation nested under its caller (see
     * {@link #nest}): it waits on the caller's behalf at the caller's line, so dumps skip it and
     * show the caller alone.
     */
    protected boolean waitsForCaller() {
        return false;
    }

    /** True when the scheduler asked this goroutine to yield (it ran too long). */
    protected final boolean preemptRequested() {
        return g.preempt;
    }

    /** The frame waiting for this frame's result; null for a goroutine's root frame. */
    public final Frame<?> caller() {
        return caller;
    }

    /** The state this frame continues at. */
    public final int label() {
        return label;
    }

    /**
     * The source position of the suspension point this frame stands at, for dumps. Generated
     * frames override it with their line table; hand-written ones may leave it null.
     */
    public StackTraceElement location() {
        return null;
    }

    /** What the scheduler may do with a frame beyond this public contract (see {@link Frames}). */
    private static final class Access extends Frames {
        @Override
        public Object resume(Frame<?> f, Object value, Throwable error) throws Throwable {
            return f.resume(value, error);
        }

        @Override
        public G goroutine(Frame<?> f) {
            return f.g;
        }

        @Override
        public void bind(Frame<?> f, G g) {
            f.g = g;
        }

        @Override
        public boolean waitsForCaller(Frame<?> f) {
            return f.waitsForCaller();
        }
    }

    /** The singleton behind {@link #SUSPENDED}; an enum so that it prints and serializes sanely. */
    private enum Suspended {
        MARKER;

        @Override
        public String toString() {
            return "SUSPENDED";
        }
    }
}
