package io.jgo.processor.analyse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgo.processor.testing.Attributed;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Suspension points by resolved symbol, spawns, and where each variable lives. */
class AnalyzerTest {

    private static Unit analyse(String body, String extra) {
        Unit[] out = new Unit[1];
        Attributed.forEachGoMethod("p.A", """
                package p;
                import io.jgo.*; import io.jgo.annotation.Go;
                import static io.jgo.Jgo.*;
                class A {
                    /** Not a runtime type: its send must not suspend. */
                    static class Fake { void send(int x) { } }
                """ + extra + "\n@Go static int f(Chan<Integer> ch, Fake fake) {\n" + body + "\n}\n}\n", ctx -> {
            if (ctx.method().element().getSimpleName().contentEquals("f")) {
                Analyzer a = new Analyzer(ctx.trees(), ctx.env().getTypeUtils(), ctx.env().getElementUtils());
                out[0] = a.analyseMethod(ctx.method().element(), ctx.method().path(), "F");
            }
        });
        return out[0];
    }

    private static Map<String, String> storage(Unit u) {
        Map<String, String> m = new TreeMap<>();
        u.vars.values().forEach(v -> m.put(v.name, v.storage.toString()));
        return m;
    }

    @Test
    void suspensionPointsAreFoundBySymbolNotByName() {
        Unit u = analyse("""
                fake.send(1);
                ch.send(2);
                int s = g();
                for (int v : ch) { s += v; }
                return s;""", "@Go static int g() { return 1; }");
        TreeSet<String> kinds = new TreeSet<>();
        u.suspensions.values().forEach(s -> kinds.add(s.kind() + (s.callee() == null ? "" : " " + s.callee().getSimpleName())));
        assertEquals(new TreeSet<>(java.util.List.of("TWIN send", "GO_CALL g", "RANGE")), kinds);
        assertEquals(3, u.suspensions.size());
    }

    @Test
    void variablesLiveInFieldsOnlyWhenReadAfterASuspension() {
        Unit u = analyse("""
                int kept = 1;
                int between = ch.recv();
                int used = between + 1;
                ch.send(used);
                if (kept > 0) {
                    int inner = 2;
                    kept += inner;
                }
                return kept;""", "");
        assertEquals(Map.of("ch", "FIELD", "fake", "FIELD", "kept", "FIELD", "between", "RESUME_LOCAL",
                "used", "RESUME_LOCAL", "inner", "NATIVE"), storage(u));
    }

    @Test
    void aVariableReadAgainAroundALoopBackEdgeIsAField() {
        Unit u = analyse("""
                int total = 0;
                for (int i = 0; i < 3; i++) {
                    int v = ch.recv();
                    total += v;
                }
                return total;""", "");
        assertEquals("FIELD", storage(u).get("total"));
        assertEquals("FIELD", storage(u).get("i"));
        assertEquals("RESUME_LOCAL", storage(u).get("v"));
    }

    @Test
    void goLambdasBecomeUnitsWithTheirCapturesAsParameters() {
        Unit u = analyse("""
                int n = 3;
                go(() -> { ch.send(n); });
                go(() -> g2(ch));
                return n;""", "@Go static void g2(Chan<Integer> c) { }");
        assertEquals(1, u.children.size());
        assertEquals(1, u.spawnedCalls.size());
        assertEquals("[ch, n]", u.children.get(0).params.stream().map(p -> p.getSimpleName().toString()).sorted().toList().toString());
    }

    @Test
    void clashingNamesAreMadeUnique() {
        Unit u = analyse("""
                int value = 1;
                { int x = ch.recv(); value += x; }
                { int x = 2; value += x; }
                return value;""", "");
        assertEquals(new TreeSet<>(java.util.List.of("ch", "fake", "value$1", "x", "x$1")), new TreeSet<>(storage(u).keySet()));
    }
}
