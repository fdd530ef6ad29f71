package io.jgo.lincheck;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import kotlin.Unit;
import kotlin.jvm.functions.Function1;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.lincheck.datastructures.DSLScenarioBuilder;
import org.jetbrains.lincheck.datastructures.DSLThreadScenario;

/**
 * Builds Lincheck custom scenarios from Java: {@code "send 1"} is the actor {@code send(1)} of
 * the test class (int arguments only). Custom scenarios are how blocking operations are checked:
 * each one is written so that every operation completes in every interleaving (Lincheck 3.7
 * cannot verify operations that park a thread forever).
 */
public final class Scenarios {
    private Scenarios() {
    }

    /**
     * A scenario: {@code init} and {@code post} run alone; each row of {@code parallel} is one
     * thread.
     */
    public static Function1<DSLScenarioBuilder, Unit> scenario(Class<?> test, String[] init, String[][] parallel, String[] post) {
        return b -> {
            b.initial(t -> fill(test, t, init));
            b.parallel(p -> {
                for (String[] row : parallel) {
                    p.thread(t -> fill(test, t, row));
                }
                return Unit.INSTANCE;
            });
            b.post(t -> fill(test, t, post));
            return Unit.INSTANCE;
        };
    }

    private static Unit fill(Class<?> test, DSLThreadScenario t, String[] ops) {
        for (String op : ops) {
            String[] parts = op.trim().split("\\s+");
            List<Object> args = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                args.add(Integer.parseInt(parts[i]));
            }
            t.add(new Actor(method(test, parts[0], args.size()), args));
        }
        return Unit.INSTANCE;
    }

    private static Method method(Class<?> test, String name, int arity) {
        for (Method m : test.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == arity) {
                return m;
            }
        }
        throw new IllegalArgumentException("no operation " + name + "/" + arity + " in " + test.getName());
    }
}
