package io.jgo.lincheck;

import static io.jgo.lincheck.Scenarios.scenario;

import io.jgo.Case;
import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.Mutex;
import io.jgo.MutexTesting;
import io.jgo.RecvCase;
import io.jgo.WaitGroup;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * Lincheck model checking of select, Mutex and WaitGroup. All scenarios are built so that every
 * operation completes in every interleaving; blocking steps of the sequential models return
 * {@code BLOCKED} (never a real result), so the checker must order them after what unblocks them.
 */
public class SyncLincheckTest {
    static final String BLOCKED = "BLOCKED";

    // ------------------------------------------------------------ select

    /** select { case v := <-a: ...; case v := <-b: ... } racing sends and a close. */
    public static class Select {
        private final Chan<Integer> a = Chan.make(1);
        private final Chan<Integer> b = Chan.make(1);

        @Operation(blocking = true)
        public String selectRecv() {
            RecvCase<Integer> ra = a.onRecv();
            RecvCase<Integer> rb = b.onRecv();
            Case c = Jgo.select(ra, rb);
            RecvCase<Integer> r = c == ra ? ra : rb;
            return r.ok() ? "v" + r.value() : "closed";
        }

        @Operation
        public String selectOrDefault() {
            RecvCase<Integer> ra = a.onRecv();
            RecvCase<Integer> rb = b.onRecv();
            Case c = Jgo.selectOrDefault(ra, rb);
            if (c == null) {
                return "default";
            }
            RecvCase<Integer> r = c == ra ? ra : rb;
            return r.ok() ? "v" + r.value() : "closed";
        }

        @Operation(blocking = true)
        public String sendA(int v) {
            a.send(v);
            return "ok";
        }

        @Operation(blocking = true)
        public String sendB(int v) {
            b.send(v);
            return "ok";
        }

        @Operation
        public String closeA() {
            a.close();
            return "ok";
        }
    }

    /**
     * Model of {@link Select}. When both channels are ready a real select takes either, at
     * random, but a model must be deterministic: so results name only the value, and the
     * scenarios that can leave both channels ready send the same value on both, which makes the
     * choice unobservable while loss, duplication and blocking stay observable. The model
     * prefers a.
     */
    public static class SelectModel {
        private Integer qa;
        private Integer qb;
        private boolean aClosed;

        public String selectRecv() {
            String r = selectOrDefault();
            return r.equals("default") ? BLOCKED : r;
        }

        public String selectOrDefault() {
            if (qa != null) {
                String r = "v" + qa;
                qa = null;
                return r;
            }
            if (aClosed) {
                return "closed";
            }
            if (qb != null) {
                String r = "v" + qb;
                qb = null;
                return r;
            }
            return "default";
        }

        public String sendA(int v) {
            if (qa != null) {
                return BLOCKED;
            }
            qa = v;
            return "ok";
        }

        public String sendB(int v) {
            if (qb != null) {
                return BLOCKED;
            }
            qb = v;
            return "ok";
        }

        public String closeA() {
            aClosed = true;
            return "ok";
        }
    }

    @Test
    public void selectIsLinearizable() {
        Class<?> t = Select.class;
        ModelChecking.options()
                .iterations(0)
                .invocationsPerIteration(1000)
                .addCustomScenario(scenario(t, new String[] {},
                        new String[][] {{"selectRecv"}, {"sendA 1"}, {"sendB 1"}},
                        new String[] {"selectOrDefault", "selectOrDefault"}))
                .addCustomScenario(scenario(t, new String[] {},
                        new String[][] {{"selectRecv"}, {"closeA"}},
                        new String[] {"selectOrDefault"}))
                .addCustomScenario(scenario(t, new String[] {},
                        new String[][] {{"selectRecv", "selectRecv"}, {"sendB 1"}, {"sendB 2"}},
                        new String[] {"selectOrDefault"}))
                .addCustomScenario(scenario(t, new String[] {"sendA 1"},
                        new String[][] {{"selectRecv", "selectRecv"}, {"sendA 2", "sendB 2"}, {"selectOrDefault"}},
                        new String[] {"selectOrDefault"}))
                .sequentialSpecification(SelectModel.class)
                .check(t);
    }

    // ------------------------------------------------------------ Mutex

    /** A counter incremented under a mutex: mutual exclusion and no lost wake-up. */
    public abstract static class LockedCounter {
        final Mutex mu;
        private int counter;

        LockedCounter(Mutex mu) {
            this.mu = mu;
        }

        /** The critical section, entered holding {@link #mu}: counts, then unlocks. */
        int countAndUnlock() {
            try {
                return counter++;
            } finally {
                mu.unlock();
            }
        }
    }

    /** {@link LockedCounter} on a mutex in its default (normal, 1 ms to starve) mode. */
    public static class MutexCounter extends LockedCounter {
        public MutexCounter() {
            super(new Mutex());
        }

        @Operation(blocking = true)
        public int incrementLocked() {
            mu.lock();
            return countAndUnlock();
        }
    }

    /**
     * {@link LockedCounter} in starvation mode from the first waiter on: every contended unlock
     * hands off, and an unlocker can find STARVING set between its look and its release.
     */
    public static class StarvingMutexCounter extends LockedCounter {
        public StarvingMutexCounter() {
            super(MutexTesting.alwaysStarving());
        }

        @Operation(blocking = true)
        public int incrementLocked() {
            mu.lock();
            return countAndUnlock();
        }

        /** tryLock, else the blocking path: newcomers that barge and newcomers that queue. */
        @Operation(blocking = true)
        public int tryThenIncrementLocked() {
            if (!mu.tryLock()) {
                mu.lock();
            }
            return countAndUnlock();
        }
    }

    /** Model of {@link MutexCounter} and {@link StarvingMutexCounter}. */
    public static class CounterModel {
        private int counter;

        public int incrementLocked() {
            return counter++;
        }

        public int tryThenIncrementLocked() {
            return counter++;
        }
    }

    @Test
    public void mutexProtectsACounter() {
        checkCounter(MutexCounter.class);
    }

    @Test
    public void aStarvingMutexProtectsACounter() {
        checkCounter(StarvingMutexCounter.class);
    }

    private static void checkCounter(Class<? extends LockedCounter> counter) {
        ModelChecking.options()
                .iterations(20)
                .invocationsPerIteration(300)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(0)
                .actorsAfter(1)
                .sequentialSpecification(CounterModel.class)
                .check(counter);
    }

    // ------------------------------------------------------------ WaitGroup

    /** add / done / await. */
    public static class Group {
        private final WaitGroup wg = new WaitGroup();

        @Operation
        public String add2() {
            wg.add(2);
            return "ok";
        }

        @Operation
        public String done() {
            wg.done();
            return "ok";
        }

        @Operation(blocking = true)
        public String await() {
            wg.await();
            return "released";
        }
    }

    /** Model of {@link Group}. */
    public static class GroupModel {
        private int counter;

        public String add2() {
            counter += 2;
            return "ok";
        }

        public String done() {
            counter--;
            return "ok";
        }

        public String await() {
            return counter == 0 ? "released" : BLOCKED;
        }
    }

    @Test
    public void waitGroupReleasesWaitersOnlyAtZero() {
        Class<?> t = Group.class;
        ModelChecking.options()
                .iterations(0)
                .invocationsPerIteration(1000)
                .addCustomScenario(scenario(t, new String[] {"add2"},
                        new String[][] {{"done"}, {"done"}, {"await"}},
                        new String[] {"await"}))
                .addCustomScenario(scenario(t, new String[] {"add2"},
                        new String[][] {{"done", "await"}, {"await"}, {"done"}},
                        new String[] {}))
                // An add racing the zero that another thread's done() just made: the counter
                // passes through zero once or twice, and a waiter may only leave at a zero.
                .addCustomScenario(scenario(t, new String[] {"add2"},
                        new String[][] {{"done", "done"}, {"add2", "done", "done"}, {"await"}},
                        new String[] {}))
                .sequentialSpecification(GroupModel.class)
                .check(t);
    }
}
