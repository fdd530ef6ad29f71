package io.jgo.processor.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import io.jgo.processor.lower.JumpTargets.Finally;
import io.jgo.processor.lower.JumpTargets.Target;
import io.jgo.processor.lower.JumpTargets.TryEntry;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What break, continue, yield, return and exceptions resolve against while a unit is lowered. */
class JumpTargetsTest {
    private final JumpTargets targets = new JumpTargets();
    private int labels;

    private Label label() {
        return new Label(labels++);
    }

    /** A switch statement's tree: the only property of a tree the targets look at is its kind of interface. */
    private static Tree aSwitch() {
        return (Tree) Proxy.newProxyInstance(JumpTargetsTest.class.getClassLoader(), new Class<?>[] {SwitchTree.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void anUnlabelledBreakLeavesTheInnermostLoopOrSwitchAndContinueSkipsSwitches() {
        Label loopEnd = label();
        Label loopHead = label();
        Label switchEnd = label();
        Tree sw = aSwitch();
        targets.withinLoop(null, null, loopEnd, loopHead, () -> {
            assertSame(loopEnd, targets.jumpTarget(null, false).breakTo);
            targets.withinBreakable(sw, null, switchEnd, () -> {
                assertSame(switchEnd, targets.jumpTarget(null, false).breakTo);
                assertSame(loopHead, targets.jumpTarget(null, true).continueTo);
            });
        });
        assertNull(targets.jumpTarget(null, false), "no target once the loop is left");
    }

    @Test
    void aLabelledStatementIsOnlyTheTargetOfJumpsThatNameIt() {
        Label outerEnd = label();
        Label innerEnd = label();
        Label innerHead = label();
        targets.withinBreakable(null, "outer", outerEnd, () -> targets.withinLoop(null, null, innerEnd, innerHead, () -> {
            assertSame(outerEnd, targets.jumpTarget("outer", false).breakTo);
            assertSame(innerEnd, targets.jumpTarget(null, false).breakTo);
            assertNull(targets.jumpTarget("elsewhere", false));
        }));
    }

    @Test
    void aSwitchExpressionTakesYieldAndHidesEveryTargetOutsideIt() {
        Label loopEnd = label();
        Label loopHead = label();
        Label switchEnd = label();
        targets.withinLoop(null, "loop", loopEnd, loopHead, () -> targets.withinSwitchExpression(null, switchEnd, "tmp$1", () -> {
            Target y = targets.yieldTarget();
            assertEquals("tmp$1", y.yieldTemp);
            assertSame(switchEnd, y.breakTo);
            assertNull(targets.jumpTarget(null, false));
            assertNull(targets.jumpTarget(null, true));
            assertNull(targets.jumpTarget("loop", false));
        }));
        assertNull(targets.yieldTarget());
    }

    @Test
    void aJumpCrossesTheFinallyBlocksOpenedSinceItsTargetInnermostFirst() {
        Label loopEnd = label();
        Label loopHead = label();
        Finally outer = targets.newFinally(label());
        Finally inner = targets.newFinally(label());
        assertEquals("next$1", outer.next());
        assertEquals("thrown$2", inner.thrown());
        TryEntry top = targets.enterTry(List.of(), outer);
        targets.withinLoop(null, null, loopEnd, loopHead, () -> {
            Target loop = targets.jumpTarget(null, false);
            assertEquals(1, loop.finallyDepth);
            TryEntry mid = targets.enterTry(List.of(), inner);
            assertEquals(List.of(inner), targets.finalliesCrossed(loop.finallyDepth));
            assertEquals(List.of(inner, outer), targets.finalliesCrossed(0), "a return crosses all of them");
            targets.exitTry(mid, inner);
            assertEquals(List.of(), targets.finalliesCrossed(loop.finallyDepth));
        });
        targets.exitTry(top, outer);
        assertEquals(0, targets.finallyDepth());
    }

    @Test
    void tryEntriesNestAndTheCatchBlocksAreCoveredOnlyByTheirFinally() {
        Finally fin = targets.newFinally(label());
        JumpTargets.CatchEntry c = new JumpTargets.CatchEntry(List.of(), "e", null, label());
        assertNull(targets.currentTry());
        TryEntry outer = targets.enterTry(List.of(c), fin);
        assertNull(outer);
        TryEntry inTry = targets.currentTry();
        assertEquals(List.of(c), inTry.catches);
        assertSame(fin, inTry.fin);
        targets.enterCatches(outer, fin);
        TryEntry inCatches = targets.currentTry();
        assertEquals(List.of(), inCatches.catches, "a catch block is not covered by its siblings");
        assertSame(fin, inCatches.fin);
        assertEquals(1, targets.finallyDepth(), "a jump out of a catch block still runs the finally");
        targets.exitTry(outer, fin);
        assertNull(targets.currentTry());
        assertEquals(0, targets.finallyDepth());
    }

    @Test
    void aTryWithoutFinallyCoversNothingOnceItsBlockIsLeft() {
        TryEntry outer = targets.enterTry(List.of(new JumpTargets.CatchEntry(List.of(), "e", null, label())), null);
        assertEquals(0, targets.finallyDepth());
        targets.enterCatches(outer, null);
        assertNull(targets.currentTry());
        targets.exitTry(outer, null);
        assertNull(targets.currentTry());
    }

    @Test
    void theReturnStateIsAllocatedByTheFirstReturnThatNeedsIt() {
        AtomicInteger allocated = new AtomicInteger();
        assertNull(targets.returnLabelIfUsed());
        Label first = targets.returnLabel(() -> {
            allocated.incrementAndGet();
            return label();
        });
        assertSame(first, targets.returnLabel(this::label));
        assertSame(first, targets.returnLabelIfUsed());
        assertEquals(1, allocated.get());
    }

    @Test
    void aTargetIsLeftEvenWhenLoweringItsBodyFails() {
        Label end = label();
        assertThrows(IllegalStateException.class, () -> targets.withinLoop(null, null, end, end, () -> {
            throw new IllegalStateException("refused");
        }));
        assertNull(targets.jumpTarget(null, false));
    }
}
