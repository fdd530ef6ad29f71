package io.jgo.internal;

import io.jgo.runtime.Frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgo.Chan;
import io.jgo.Jgo;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * The continuation contract exercised by hand-written frames shaped like the processor's output:
 * a producer loop, a range loop, and a nested suspending call.
 */
class HandWrittenPipelineTest {

    /** {@code @Go static void produce(int n, Chan<Integer> out) { for (i..n) out.send(i); out.close(); }} */
    static final class Produce extends Frame<Void> {
        final int n;
        final Chan<Integer> out;
        int i;

        Produce(int n, Chan<Integer> out) {
            this.n = n;
            this.out = out;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            for (;;) {
                switch (label) {
                    case 0:
                        i = 0;
                        label = 1;
                        continue;
                    case 1:
                        if (i >= n) {
                            out.close();
                            return null;
                        }
                        label = 2;
                        if (out.send(i, this) == SUSPENDED) {
                            return SUSPENDED;
                        }
                        continue;
                    case 2:
                        if (error != null) {
                            throw error;
                        }
                        i++;
                        label = 1;
                        continue;
                    default:
                        throw new IllegalStateException("bad label " + label);
                }
            }
        }
    }

    /** {@code @Go static int sum(Chan<Integer> in) { int t = 0; for (int v : in) t += v; return t; }} */
    static final class Sum extends Frame<Integer> {
        final Chan<Integer> in;
        int total;

        Sum(Chan<Integer> in) {
            this.in = in;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            for (;;) {
                switch (label) {
                    case 0:
                        total = 0;
                        label = 1;
                        value = in.rangeNext(this);
                        if (value == SUSPENDED) {
                            return SUSPENDED;
                        }
                        continue;
                    case 1:
                        if (error != null) {
                            throw error;
                        }
                        if (value == Chan.END) {
                            return total;
                        }
                        total += (Integer) value;
                        value = in.rangeNext(this);
                        if (value == SUSPENDED) {
                            return SUSPENDED;
                        }
                        continue;
                    default:
                        throw new IllegalStateException("bad label " + label);
                }
            }
        }
    }

    /** {@code @Go static int twice(Chan<Integer> in) { return 2 * sum(in); }}: a nested suspending call. */
    static final class Twice extends Frame<Integer> {
        final Chan<Integer> in;

        Twice(Chan<Integer> in) {
            this.in = in;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            switch (label) {
                case 0:
                    label = 1;
                    value = call(new Sum(in));
                    if (value == SUSPENDED) {
                        return SUSPENDED;
                    }
                    // fall through: the callee finished without suspending
                case 1:
                    if (error != null) {
                        throw error;
                    }
                    return 2 * (Integer) value;
                default:
                    throw new IllegalStateException("bad label " + label);
            }
        }
    }

    @RepeatedTest(20)
    @Timeout(10)
    void unbufferedPipelineSumsEveryElement() {
        Chan<Integer> ch = Chan.make();
        Jgo.go(new Produce(1000, ch));
        assertEquals(499500, Jgo.run(new Sum(ch)));
    }

    @RepeatedTest(20)
    @Timeout(10)
    void bufferedPipelineSumsEveryElement() {
        Chan<Integer> ch = Chan.make(16);
        Jgo.go(new Produce(1000, ch));
        assertEquals(499500, Jgo.run(new Sum(ch)));
    }

    @RepeatedTest(5)
    @Timeout(10)
    void threadAndGoroutineShareAChannel() {
        Chan<Integer> ch = Chan.make();
        Jgo.go(new Produce(100, ch));
        int total = 0;
        for (int v : ch) {
            total += v;
        }
        assertEquals(4950, total);
    }

    @RepeatedTest(10)
    @Timeout(10)
    void nestedSuspendingCallReturnsThroughTheTrampoline() {
        Chan<Integer> ch = Chan.make();
        Jgo.go(new Produce(100, ch));
        assertEquals(9900, Jgo.run(new Twice(ch)));
    }
}
