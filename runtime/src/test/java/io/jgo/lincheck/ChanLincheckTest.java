package io.jgo.lincheck;

import static io.jgo.lincheck.Scenarios.scenario;

import io.jgo.Chan;
import io.jgo.Received;
import io.jgo.SendOnClosedChannelException;
import io.jgo.CloseOfClosedChannelException;
import java.util.ArrayDeque;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * Lincheck model checking of {@link Chan} against a sequential channel.
 *
 * <ul>
 *   <li>{@link #nonBlockingOperationsOfABufferedChannel()}: random scenarios (3 threads x 3
 *       operations, plus init/post) of trySend, tryRecv, close and len on a channel of capacity 2;
 *       every interleaving the model checker explores must be linearizable.</li>
 *   <li>{@link #blockingOperationsOfABufferedChannel()} and
 *       {@link #blockingOperationsOfAnUnbufferedChannel()}: hand-written scenarios with blocking
 *       send, recv and recvOk racing close, each built so that every operation completes in every
 *       interleaving. A blocking operation in the sequential model "cannot happen yet" (returns
 *       {@code BLOCKED}, which no real result equals), so the checker must find an order in which
 *       it could proceed. For the unbuffered channel the model is a queue, so these scenarios
 *       check no loss, no duplication, FIFO and the close rules; that an unbuffered send waits
 *       for its receiver is checked by the unit tests.</li>
 * </ul>
 */
@Param(name = "v", gen = IntGen.class, conf = "1:3")
public class ChanLincheckTest {
    static final String BLOCKED = "BLOCKED";

    private Chan<Integer> ch = Chan.make(2);

    /** Used by the unbuffered scenarios: switches the channel before the scenario runs. */
    @Operation
    public String unbuffered() {
        ch = Chan.make();
        return "ok";
    }

    @Operation
    public String trySend(@Param(name = "v") int v) {
        try {
            return String.valueOf(ch.trySend(v));
        } catch (SendOnClosedChannelException e) {
            return "panic: " + e.getMessage();
        }
    }

    @Operation
    public String tryRecv() {
        Received<Integer> r = ch.tryRecv();
        return r == null ? "empty" : r.ok() ? "v" + r.value() : "closed";
    }

    @Operation
    public String close() {
        try {
            ch.close();
            return "ok";
        } catch (CloseOfClosedChannelException e) {
            return "panic: " + e.getMessage();
        }
    }

    @Operation
    public int len() {
        return ch.len();
    }

    @Operation(blocking = true)
    public String send(@Param(name = "v") int v) {
        try {
            ch.send(v);
            return "ok";
        } catch (SendOnClosedChannelException e) {
            return "panic: " + e.getMessage();
        }
    }

    @Operation(blocking = true)
    public String recv() {
        Integer v = ch.recv();
        return v == null ? "null" : "v" + v;
    }

    @Operation(blocking = true)
    public String recvOk() {
        Received<Integer> r = ch.recvOk();
        return r.ok() ? "v" + r.value() : "closed";
    }

    /** The sequential model: a bounded FIFO with a closed flag (unbounded after unbuffered()). */
    public static class Model {
        private final ArrayDeque<Integer> q = new ArrayDeque<>();
        private int cap = 2;
        private boolean closed;

        public String unbuffered() {
            cap = Integer.MAX_VALUE;
            return "ok";
        }

        public String trySend(int v) {
            if (closed) {
                return "panic: send on closed channel";
            }
            if (q.size() >= cap) {
                return "false";
            }
            q.add(v);
            return "true";
        }

        public String tryRecv() {
            if (!q.isEmpty()) {
                return "v" + q.poll();
            }
            return closed ? "closed" : "empty";
        }

        public String close() {
            if (closed) {
                return "panic: close of closed channel";
            }
            closed = true;
            return "ok";
        }

        public int len() {
            return q.size();
        }

        public String send(int v) {
            if (closed) {
                return "panic: send on closed channel";
            }
            if (q.size() >= cap) {
                return BLOCKED;
            }
            q.add(v);
            return "ok";
        }

        public String recv() {
            if (!q.isEmpty()) {
                return "v" + q.poll();
            }
            return closed ? "null" : BLOCKED;
        }

        public String recvOk() {
            if (!q.isEmpty()) {
                return "v" + q.poll();
            }
            return closed ? "closed" : BLOCKED;
        }
    }

    /** Random scenarios of non-blocking operations only (blocking ones could hang). */
    @Param(name = "v", gen = IntGen.class, conf = "1:3")
    public static class NonBlocking {
        private final Chan<Integer> ch = Chan.make(2);

        @Operation
        public String trySend(@Param(name = "v") int v) {
            try {
                return String.valueOf(ch.trySend(v));
            } catch (SendOnClosedChannelException e) {
                return "panic: " + e.getMessage();
            }
        }

        @Operation
        public String tryRecv() {
            Received<Integer> r = ch.tryRecv();
            return r == null ? "empty" : r.ok() ? "v" + r.value() : "closed";
        }

        @Operation
        public String close() {
            try {
                ch.close();
                return "ok";
            } catch (CloseOfClosedChannelException e) {
                return "panic: " + e.getMessage();
            }
        }

        @Operation
        public int len() {
            return ch.len();
        }
    }

    @Test
    public void nonBlockingOperationsOfABufferedChannel() {
        ModelChecking.options()
                .iterations(30)
                .invocationsPerIteration(300)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2)
                .sequentialSpecification(NonBlockingModel.class)
                .check(NonBlocking.class);
    }

    /** The model of {@link NonBlocking}: {@link Model} restricted to its operations. */
    public static class NonBlockingModel extends Model {
    }

    @Test
    public void blockingOperationsOfABufferedChannel() {
        Class<?> t = ChanLincheckTest.class;
        ModelChecking.options()
                .iterations(0)
                .invocationsPerIteration(1000)
                .addCustomScenario(scenario(t, new String[] {"send 1"},
                        new String[][] {{"send 2", "send 3"}, {"recv", "recvOk"}, {"close"}},
                        new String[] {"recvOk", "recvOk"}))
                .addCustomScenario(scenario(t, new String[] {"send 1", "send 2"},
                        new String[][] {{"send 3"}, {"recv", "recv"}, {"trySend 2", "tryRecv"}},
                        new String[] {"close", "recvOk", "recvOk"}))
                .addCustomScenario(scenario(t, new String[] {},
                        new String[][] {{"recv"}, {"recvOk"}, {"send 1", "close"}},
                        new String[] {"tryRecv"}))
                .sequentialSpecification(Model.class)
                .check(t);
    }

    @Test
    public void blockingOperationsOfAnUnbufferedChannel() {
        Class<?> t = ChanLincheckTest.class;
        ModelChecking.options()
                .iterations(0)
                .invocationsPerIteration(1000)
                .addCustomScenario(scenario(t, new String[] {"unbuffered"},
                        new String[][] {{"send 1", "send 2"}, {"recv", "recv"}},
                        new String[] {}))
                .addCustomScenario(scenario(t, new String[] {"unbuffered"},
                        new String[][] {{"send 1"}, {"recvOk"}, {"close"}},
                        new String[] {"recvOk"}))
                .addCustomScenario(scenario(t, new String[] {"unbuffered"},
                        new String[][] {{"send 1"}, {"send 2"}, {"recv", "close"}},
                        new String[] {}))
                .sequentialSpecification(Model.class)
                .check(t);
    }
}
