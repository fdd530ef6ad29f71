package io.jgo.processor.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.jgo.processor.analyse.LocalVar;
import io.jgo.processor.lower.JumpTargets.CatchEntry;
import io.jgo.processor.lower.JumpTargets.Finally;
import io.jgo.processor.lower.JumpTargets.TryEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How states are written: labels, jumps between states, capture copies, preemption, the exception dispatch. */
class StateBuilderTest {
    private final JumpTargets targets = new JumpTargets();
    private final StateBuilder states = new StateBuilder(targets, List.of());

    private static String code(StateMachine.State s) {
        return s.code().toString();
    }

    /** Code without its indentation, one statement a line. */
    private static String flat(CodeBlock code) {
        return code.toString().replaceAll("(?m)^ +", "");
    }

    @Test
    void startingAStateEndsTheOpenOneWithAJumpToIt() {
        Label a = states.newLabel();
        Label b = states.newLabel();
        states.atLine(7);
        states.mark(a);
        states.emitStatement("x = 1");
        states.atLine(9);
        states.mark(b);
        states.emitStatement("return null");
        states.close();
        List<StateMachine.State> out = states.states();
        assertEquals("x = 1;\nlabel = 1;\n", code(out.get(0)));
        assertEquals(1, out.get(0).next(), "the jump that ends a state unconditionally is recorded, not written");
        assertEquals(-1, out.get(1).next(), "a state whose code cannot complete goes nowhere");
        assertArrayEquals(new int[] {7, 9}, states.lines());
    }

    @Test
    void codeAfterAStateClosedIsUnreachableAndDropped() {
        Label a = states.newLabel();
        states.mark(a);
        states.emitStatement("throw e");
        states.close();
        assertFalse(states.isOpen());
        states.emitStatement("x = 2");
        assertEquals("throw e;\n", code(states.states().get(0)));
    }

    @Test
    void aCaptureCopyIsDeclaredOnceJustBeforeTheNextCode() {
        states.mark(states.newLabel());
        LocalVar n = new LocalVar(null, "n", null, LocalVar.Storage.FIELD);
        String copy = states.captureCopy(n, TypeName.INT);
        assertEquals(copy, states.captureCopy(n, TypeName.INT));
        assertTrue(states.hasPendingCaptures());
        states.emitStatement("r = () -> $N", copy);
        assertFalse(states.hasPendingCaptures());
        assertEquals("final int n$c1 = n;\nr = () -> n$c1;\n", code(states.states().get(0)));
        assertEquals("n$c2", states.captureCopy(n, TypeName.INT), "each statement takes its own copy");
    }

    @Test
    void aJumpThroughFinallyBlocksChainsThemInnermostFirst() {
        Finally inner = new Finally(new Label(5), "next$2", "thrown$2");
        Finally outer = new Finally(new Label(3), "next$1", "thrown$1");
        String code = StateBuilder.jumpThrough(new Label(9), List.of(inner, outer)).toString();
        assertEquals("next$2 = 3;\nnext$1 = 9;\nlabel = 5;\ncontinue dispatch$;\n", code);
        assertEquals("label = 9;\ncontinue dispatch$;\n", StateBuilder.jumpThrough(new Label(9), List.of()).toString());
    }

    @Test
    void aBackEdgeChecksForPreemptionAfterSettingTheLabel() {
        Label head = states.newLabel();
        states.mark(head);
        states.backEdge(head);
        StateMachine.State s = states.states().get(0);
        assertEquals("label = 0;\nif (preemptRequested() && io.jgo.Jgo.gosched(this) == SUSPENDED) return SUSPENDED;\n",
                code(s));
        assertEquals(0, s.next());
    }

    @Test
    void savedLocalsAreRestoredByAStateOfTheirOwnThatGoesBackToTheLoopHead() {
        ClassName local = ClassName.get("", "Local");
        StateBuilder saving = new StateBuilder(targets, List.of(new StateBuilder.PreemptSave("i", "i$p", null),
                new StateBuilder.PreemptSave("o", "o$p", local)));
        Label head = saving.newLabel();
        saving.atLine(12);
        saving.mark(head);
        String check = flat(saving.preemptCheck(head, List.of(CodeBlock.of("idx$$1 = idx$$1$$l"))));
        assertEquals("if (preemptRequested()) {\nidx$1 = idx$1$l;\ni$p = i;\no$p = o;\nlabel = 1;\n"
                + "if (io.jgo.Jgo.gosched(this) == SUSPENDED) return SUSPENDED;\nlabel = 0;\n}\n", check,
                "resumed at the restore state; back at the head when gosched did not suspend");
        saving.close();
        saving.restoreStates();
        StateMachine.State restore = saving.states().get(1);
        assertEquals(1, restore.id());
        assertEquals(12, restore.line());
        assertEquals("i = i$p;\no = (Local) o$p;\nlabel = 0;\n", code(restore));
        assertEquals(0, restore.next());
    }

    @Test
    void noTryEntryNoExceptionDispatch() {
        states.mark(states.newLabel());
        assertNull(states.exceptionDispatch(false));
        assertNull(states.exceptionDispatch(true));
    }

    @Test
    void theExceptionDispatchTriesTheCatchesThenTheFinallyOfEachStatesTryEntry() {
        Label before = states.newLabel();
        Label catchBody = states.newLabel();
        Finally fin = targets.newFinally(states.newLabel());
        Label body = states.newLabel();
        states.mark(before);
        TryEntry outer = targets.enterTry(List.of(new CatchEntry(List.of(ClassName.get(IllegalStateException.class)),
                "e", ClassName.get(IllegalStateException.class), catchBody)), fin);
        states.mark(body);
        targets.enterCatches(outer, fin);
        states.mark(catchBody);
        targets.exitTry(outer, fin);
        states.mark(fin.start());
        String dispatch = flat(states.exceptionDispatch(false));
        assertTrue(dispatch.startsWith("error = null;\nswitch (label) {\n"), dispatch);
        assertTrue(dispatch.contains("case 3: {\nif (t$ instanceof java.lang.IllegalStateException) {\n"
                + "e = (java.lang.IllegalStateException) t$;\nlabel = 1;\ncontinue dispatch$;\n}\n"
                + "thrown$1 = t$;\nlabel = 2;\ncontinue dispatch$;\n}\n"), dispatch);
        assertTrue(dispatch.contains("case 1: {\nthrown$1 = t$;\n"), "the catch body is covered by the finally: " + dispatch);
        assertFalse(dispatch.contains("case 0:") || dispatch.contains("case 2:"), "outside the try: " + dispatch);
        String method = flat(states.exceptionDispatch(true));
        assertFalse(method.contains("error = null"), method);
        assertTrue(method.contains("label = 1;\nreturn;\n"), method);
    }
}
