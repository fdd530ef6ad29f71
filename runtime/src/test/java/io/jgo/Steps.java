package io.jgo;

import io.jgo.runtime.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A hand-written frame shaped like the processor's output for a loop of suspending calls:
 * {@code for (i = 0; (op = gen(i)) != null; i++) results.add(op(this));}. Each step calls one
 * suspending twin with this frame and returns its result or SUSPENDED; the frame resumes with the
 * operation's result, or throws the operation's error at that point (or records it, if built
 * {@link #catching}).
 */
final class Steps extends Frame<List<Object>> {
    /** One suspending call: returns the twin's result (maybe SUSPENDED). */
    interface Step {
        Object run(Frame<?> frame) throws Throwable;
    }

    private final IntFunction<Step> gen;
    private final boolean catching;
    final List<Object> results = new ArrayList<>();
    private int i;
    /** Ends the loop after a result that satisfies it; null: run until gen returns null. */
    private java.util.function.Predicate<Object> stop;

    private Steps(IntFunction<Step> gen, boolean catching) {
        this.gen = gen;
        this.catching = catching;
    }

    /** Runs the steps gen(0), gen(1), ... until gen returns null; results in order. */
    static Steps of(IntFunction<Step> gen) {
        return new Steps(gen, false);
    }

    /** Like {@link #of} but a failed step records its exception as the result and goes on. */
    static Steps catching(IntFunction<Step> gen) {
        return new Steps(gen, true);
    }

    /** A single suspending call. */
    static Steps one(Step step) {
        return new Steps(i -> i == 0 ? step : null, false);
    }

    /** {@code n} repetitions of the same call. */
    static Steps repeat(int n, Step step) {
        return new Steps(i -> i < n ? step : null, false);
    }

    /** Repeats {@code step} until its result satisfies {@code stop} (that result is kept). */
    static Steps until(Step step, java.util.function.Predicate<Object> stop) {
        Steps s = new Steps(i -> step, false);
        s.stop = stop;
        return s;
    }

    @Override
    protected Object resume(Object value, Throwable error) throws Throwable {
        if (label == 1) {
            if (error != null) {
                if (!catching) {
                    throw error;
                }
                value = error;
            }
            results.add(value);
            i++;
            if (stop != null && stop.test(value)) {
                return results;
            }
        }
        for (;;) {
            Step s = gen.apply(i);
            if (s == null) {
                return results;
            }
            label = 1;
            Object r;
            try {
                r = s.run(this);
            } catch (Throwable t) {
                if (!catching) {
                    throw t;
                }
                r = t;
            }
            if (r == SUSPENDED) {
                return SUSPENDED;
            }
            results.add(r);
            i++;
            if (stop != null && stop.test(r)) {
                return results;
            }
        }
    }
}
