package io.jgo.internal;

import static io.jgo.lincheck.Scenarios.scenario;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of a P's local run queue: the owner puts (ring and runnext) and gets, while
 * two thieves steal half at a time into their own queues. The sequential specification is the
 * queue itself run sequentially. Each put uses a fresh goroutine, as the scheduler never queues
 * one twice. The owner's queue replaces its runnext slot often (it does so only every few
 * thousand puts in the scheduler), so that thieves meet a replacement.
 */
public class RunQueueLincheckTest {
    private static final int MAX_PUTS = 64;

    /** Fresh goroutines, handed out in order by the owner: a goroutine is queued at most once. */
    private final G[] gs = new G[MAX_PUTS];
    /** Owner-only: the next goroutine to put. */
    private int nextG;

    /** Replaces its runnext slot at every second put: races with thieves. */
    private final RunQueue q = new RunQueue(2);
    private final RunQueue thief1 = new RunQueue();
    private final RunQueue thief2 = new RunQueue();

    public RunQueueLincheckTest() {
        for (int i = 0; i < MAX_PUTS; i++) {
            gs[i] = TestSched.newG(new TestFrames.Leaf(() -> { }));
        }
    }

    private int idx(G g) {
        return g == null ? -1 : (int) (g.id - gs[0].id); // no identity hashes: deterministic
    }

    /** Puts a fresh goroutine into the ring; returns its number, or -1 if the ring was full. */
    @Operation(nonParallelGroup = "owner")
    public int offer() {
        G g = gs[nextG];
        if (!q.offer(g)) {
            return -1;
        }
        nextG++;
        return idx(g);
    }

    /** A goroutine displaced from runnext, not yet put into the ring (owner only). */
    private G displaced;

    /**
     * Makes a fresh goroutine runnext. The one it displaces is in no queue until
     * {@link #offerDisplaced()} (runqput does both in a row; a thief between them sees neither,
     * which loses nothing).
     */
    @Operation(nonParallelGroup = "owner")
    public int putNext() {
        if (displaced != null) {
            return -2;
        }
        G g = gs[nextG++];
        displaced = q.putNext(g);
        return idx(displaced);
    }

    @Operation(nonParallelGroup = "owner")
    public int offerDisplaced() {
        if (displaced == null) {
            return -2;
        }
        if (!q.offer(displaced)) {
            return -1;
        }
        int i = idx(displaced);
        displaced = null;
        return i;
    }

    @Operation(nonParallelGroup = "owner")
    public int get() {
        return idx(q.get());
    }

    @Operation(nonParallelGroup = "owner")
    public int size() {
        return q.size();
    }

    /** Steals, then reports what it took: the one returned and the rest in its own ring. */
    @Operation(nonParallelGroup = "thief1")
    public String steal1(boolean runnext) {
        return stealInto(thief1, runnext);
    }

    @Operation(nonParallelGroup = "thief2")
    public String steal2(boolean runnext) {
        return stealInto(thief2, runnext);
    }

    /** {@code steal1(true)}, for custom scenarios (whose actors take int arguments only). */
    @Operation(nonParallelGroup = "thief1")
    public String stealWithRunnext() {
        return stealInto(thief1, true);
    }

    private String stealInto(RunQueue mine, boolean runnext) {
        StringBuilder sb = new StringBuilder();
        sb.append(idx(mine.stealFrom(q, runnext)));
        for (G g; (g = mine.getFromRing()) != null;) {
            sb.append(',').append(idx(g));
        }
        return sb.toString();
    }

    private static boolean stress() {
        return Boolean.getBoolean("jgo.stress");
    }

    @Test
    public void stressTest() {
        new StressOptions()
                .iterations(stress() ? 100 : 10)
                .invocationsPerIteration(stress() ? 5_000 : 1_000)
                .threads(3)
                .actorsPerThread(4)
                .check(this.getClass());
    }

    @Test
    public void modelCheckingTest() {
        new ModelCheckingOptions()
                .iterations(stress() ? 100 : 10)
                .invocationsPerIteration(stress() ? 5_000 : 500)
                .threads(3)
                .actorsPerThread(4)
                .check(this.getClass());
    }

    /**
     * A thief racing the owner's replacement of the runnext slot (the second put replaces it):
     * the thief must find the old runnext or the new one, never neither. Fails if the owner
     * empties the old slot before publishing the new one, or if a thief that finds a slot empty
     * does not check that it is still the current one.
     */
    @Test
    public void aThiefRacingASlotReplacementFindsRunnext() {
        Class<?> t = getClass();
        new ModelCheckingOptions()
                .iterations(0)
                .invocationsPerIteration(2000)
                .addCustomScenario(scenario(t, new String[] {"putNext"},
                        new String[][] {{"putNext"}, {"stealWithRunnext"}},
                        new String[] {"get"}))
                .addCustomScenario(scenario(t, new String[] {"putNext"},
                        new String[][] {{"putNext", "offerDisplaced", "get"}, {"stealWithRunnext"}},
                        new String[] {"get"}))
                .check(t);
    }

    /**
     * A thief that saw the ring empty must not take runnext once the owner has put a goroutine
     * into the ring: that one comes first. Fails if the thief does not re-check the ring's tail
     * before taking a runnext it found full.
     */
    @Test
    public void aThiefDoesNotTakeRunnextPastAGoroutineInTheRing() {
        Class<?> t = getClass();
        new ModelCheckingOptions()
                .iterations(0)
                .invocationsPerIteration(2000)
                .addCustomScenario(scenario(t, new String[] {},
                        new String[][] {{"offer", "putNext"}, {"stealWithRunnext"}},
                        new String[] {"get"}))
                .check(t);
    }
}
