package io.jgo.processor.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import io.jgo.processor.analyse.Analyzer;
import io.jgo.processor.analyse.Unit;
import io.jgo.processor.testing.Attributed;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/** The state machine a body lowers to: states, try entries, line table, fields. */
class LowererTest {

    private static StateMachine lower(String body) {
        StateMachine[] out = new StateMachine[1];
        Attributed.forEachGoMethod("p.A", """
                package p;
                import io.jgo.*; import io.jgo.annotation.Go;
                class A {
                    @Go static int f(Chan<Integer> ch) {
                """ + body + """
                    }
                }
                """, ctx -> {
            Unit u = new Analyzer(ctx.trees(), ctx.env().getTypeUtils(), ctx.env().getElementUtils())
                    .analyseMethod(ctx.method().element(), ctx.method().path(), "F");
            TypeElement owner = (TypeElement) ctx.method().element().getEnclosingElement();
            out[0] = new Lowerer(ctx.trees(), ctx.env().getTypeUtils(), ctx.env().getElementUtils(), u,
                    ClassName.get("p", "AGo"), owner, new PrivateAccess(), t -> ClassName.get("p", "AGo")).lower();
        });
        return out[0];
    }

    @Test
    void aStatementWithoutSuspensionStaysInOneStateAndEachSuspensionAddsOne() {
        StateMachine m = lower("""
                int a = 1;
                a += 2;
                ch.send(a);
                return a;""");
        assertEquals(2, m.states().size(), m.states().toString());
        assertNull(m.handler());
        assertTrue(m.states().get(0).code().toString().contains("value = ch.send(a, this);"), m.states().toString());
        assertTrue(m.states().get(1).code().toString().contains("if (error != null) throw error;"));
        assertEquals(4, m.lines()[0]); // the body opens on the declaration line
        assertEquals(7, m.lines()[1]);
    }

    @Test
    void aTryAroundASuspensionGetsAnExceptionDispatch() {
        StateMachine m = lower("""
                try {
                    return ch.recv();
                } catch (IllegalStateException e) {
                    return -1;
                } finally {
                    ch.close();
                }""");
        assertNotNull(m.handler());
        String h = m.handler().toString();
        assertTrue(h.contains("t$ instanceof java.lang.IllegalStateException"), h);
        assertTrue(h.contains("thrown$1 = t$;"), h);
        assertTrue(m.fields().stream().anyMatch(f -> f.name().equals("result$")), m.fields().toString());
    }

    @Test
    void operandsBeforeASuspensionAreSpilledInOrder() {
        StateMachine m = lower("""
                int[] a = {1, 2};
                return Math.max(a[0]++, ch.recv());""");
        String entry = m.states().get(0).code().toString();
        assertTrue(entry.contains("tmp$1 = a[0]++;"), entry);
        assertTrue(m.states().get(1).code().toString().contains("Math.max(tmp$1, ((java.lang.Integer) value))"),
                m.states().get(1).code().toString());
    }
}
