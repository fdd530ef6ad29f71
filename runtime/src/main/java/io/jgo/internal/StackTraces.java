package io.jgo.internal;

import io.jgo.runtime.Frame;
import io.jgo.runtime.Goexit;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites the stack trace of an exception that leaves a {@code @Go} frame so that it reads in the
 * user's source: innermost first, the non-{@code @Go} code the exception came from as it was, then
 * each {@code @Go} frame of the goroutine as {@code pkg.Class.method(Class.java:line)}, then one
 * element naming the goroutine ({@link #goroutineElement}); the scheduler's own frames are left
 * out.
 *
 * <p>It runs only where an exception crosses a frame boundary: in {@link Frame}'s {@code call}
 * when a callee throws to its caller on the same Java stack, and in the trampoline when a frame
 * throws to its caller (or out of the goroutine). Both are exception paths: a goroutine that does
 * not throw runs no code of this class. The first crossing rewrites the whole trace, from the
 * frame that threw along its {@code caller()} chain, which is complete at that moment; later
 * crossings see the goroutine element at the end and leave the trace alone, so a trace is
 * rewritten once, by the goroutine the exception first left a frame in.
 *
 * <p>The line of the frame that threw is the line of its element in the raw trace when the class
 * file names the user's file (the processor maps the generated code's line numbers to the user's
 * lines); otherwise, and for every caller, it is the line {@link Frame#location()} names: the
 * suspension point (a callee's call) the frame stands at.
 *
 * <p>{@code -Djgo.rawStackTraces=true} turns the rewriting off.
 */
public final class StackTraces {
    /** The system property that keeps raw traces. */
    public static final String RAW_PROPERTY = "jgo.rawStackTraces";
    private static final boolean RAW = Boolean.getBoolean(RAW_PROPERTY);
    /** The class name of the element that names the goroutine; it also marks a rewritten trace. */
    static final String GOROUTINE_CLASS = "jgo";
    static final String GOROUTINE_METHOD = "goroutine";

    /**
     * At most this many goroutine frames in a rewritten trace, like the JVM's own default
     * ({@code -XX:MaxJavaStackTraceDepth}): a chain of any depth costs a bounded rewrite.
     */
    static final int MAX_FRAMES = 1024;
    /**
     * The exception this carrier rewrote (or found rewritten) last. An exception that leaves a
     * chain of frames crosses one boundary per frame, one after the other on the same carrier:
     * this lets every crossing after the first skip even reading the trace, so leaving a chain
     * of n frames costs O(n), not O(n * trace length). Weak: it must not keep an exception alive.
     */
    private static final ThreadLocal<WeakReference<Throwable>> LAST = new ThreadLocal<>();

    private StackTraces() {
    }

    /**
     * Rewrites {@code t}'s trace (once) as the trace of an exception that left {@code thrower},
     * a frame of a goroutine. Never throws: a trace it cannot rewrite stays as it is.
     */
    public static void crossing(Throwable t, Frame<?> thrower) {
        if (RAW || t instanceof Goexit || thrower == null) {
            return; // Goexit ends a goroutine quietly: nobody sees its trace
        }
        WeakReference<Throwable> last = LAST.get();
        if (last != null && last.get() == t) {
            return;
        }
        try {
            rewrite(t, thrower);
            LAST.set(new WeakReference<>(t));
        } catch (RuntimeException | LinkageError e) {
            // a frame's location() failed: the raw trace is still a true one
        }
    }

    private static void rewrite(Throwable t, Frame<?> thrower) {
        StackTraceElement[] raw = t.getStackTrace();
        if (raw.length == 0 || isGoroutineElement(raw[raw.length - 1])) {
            return; // rewritten already, or the trace is not writable (then it stays empty)
        }
        String throwerClass = thrower.getClass().getName();
        int at = -1;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i].getClassName().equals(throwerClass)) {
                at = i;
                break;
            }
        }
        List<StackTraceElement> out = new ArrayList<>();
        if (at >= 0) {
            for (int i = 0; i < at; i++) {
                out.add(raw[i]);
            }
        } else {
            // made elsewhere (another goroutine, a waker): keep where it was made, but for the
            // scheduler's own frames, then say which frames it went through here
            for (StackTraceElement e : raw) {
                if (!isScheduler(e)) {
                    out.add(e);
                }
            }
        }
        Frames access = Frames.access();
        int frames = 0;
        for (Frame<?> f = thrower; f != null && frames < MAX_FRAMES; f = f.caller()) {
            if (access.waitsForCaller(f)) {
                continue; // a runtime frame waiting at its caller's line: the caller shows it
            }
            StackTraceElement loc = f.location();
            if (loc == null) {
                continue; // a hand-written frame with no line table
            }
            int line = loc.getLineNumber();
            if (f == thrower && at >= 0 && loc.getFileName() != null
                    && loc.getFileName().equals(raw[at].getFileName())) {
                line = raw[at].getLineNumber(); // the line that threw, not the last suspension point
            }
            out.add(new StackTraceElement(loc.getClassName(), loc.getMethodName(), loc.getFileName(), line));
            frames++;
        }
        out.add(goroutineElement(access.goroutine(thrower)));
        t.setStackTrace(out.toArray(new StackTraceElement[0]));
    }

    /**
     * The last element of a rewritten trace: {@code jgo.goroutine(id 7)}. This is where Go prints
     * "created by": the runtime records neither the {@code go(...)} site nor the parent goroutine
     * yet, so the element names the goroutine alone. When a creation site is recorded, this is
     * the one method to extend: add the site's element before this one.
     */
    static StackTraceElement goroutineElement(G g) {
        return new StackTraceElement(GOROUTINE_CLASS, GOROUTINE_METHOD, g == null ? "id ?" : "id " + g.id, -1);
    }

    private static boolean isGoroutineElement(StackTraceElement e) {
        return GOROUTINE_CLASS.equals(e.getClassName()) && GOROUTINE_METHOD.equals(e.getMethodName());
    }

    /** The runtime's own trampoline and scheduler, which say nothing about the user's code. */
    private static boolean isScheduler(StackTraceElement e) {
        String c = e.getClassName();
        return c.startsWith("io.jgo.internal.") || c.startsWith("io.jgo.runtime.Frame");
    }
}
