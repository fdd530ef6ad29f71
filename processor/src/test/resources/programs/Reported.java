package p;

import io.jgo.*; import io.jgo.annotation.Go;
import static io.jgo.Jgo.*;
import java.util.*;

/** Programs from bug reports by the sample-app author: each must compile and run the same both ways. */
public class Reported {

    @Go static void half(int n, Chan<Integer> out) {
        out.send(n / 2);
    }

    @Go static void put(int v, Chan<Integer> out) {
        out.send(v);
    }

    /** go(() -> f(expr)) with an argument that is an expression, not a name (was rejected as "inside a lambda"). */
    @Go static String goWithExpressionArguments() {
        int[] s = {1, 2, 3, 4, 5, 6, 7, 8};
        Chan<Integer> out = Chan.make();
        go(() -> half(s.length / 2, out));
        int i = 3;
        go(() -> put(s[i] + s.length * 10, out));
        int a = out.recv();
        int b = out.recv();
        return Math.min(a, b) + "," + Math.max(a, b);
    }

    /** Go evaluates the arguments of a go statement in the spawner: a suspending argument runs there, first. */
    @Go static String goWithSuspendingArgument() {
        Chan<Integer> in = Chan.make(1);
        Chan<Integer> out = Chan.make();
        in.send(42);
        go(() -> put(in.recv() + 1, out));
        // the argument was received before the spawn returned: in is empty again
        boolean drained = in.len() == 0;
        return out.recv() + " drained=" + drained;
    }

    /** Arguments are evaluated once, at the go statement, even if the variable changes afterwards. */
    @Go static String goArgumentsEvaluatedAtSpawn() {
        Chan<Integer> out = Chan.make();
        int[] box = {5};
        go(() -> put(box[0] * 2, out));
        box[0] = 100;
        return "got " + out.recv();
    }

    @Go static String genericStatics() {
        Stack<String> st = new Stack<>();
        st.push("a");
        st.push("b");
        return Stack.sizeAfterYield(st) + " " + Stack.<String>topOf(st);
    }

    /** A generic class whose static @Go methods read its private field (was: a cast to (List<E>) with no E). */
    static class Stack<E> {
        private final List<E> items = new ArrayList<>();

        void push(E e) {
            items.add(e);
        }

        @Go static int sizeAfterYield(Stack<?> s) {
            gosched();
            return s.items.size();
        }

        @Go static <T> T topOf(Stack<T> s) {
            gosched();
            List<T> xs = s.items;
            return xs.get(xs.size() - 1);
        }
    }

    /** select(a, b) as written (variable arity) inside @Go code; both cases are ready: compare the set. */
    @Go static String varargsSelect() {
        Chan<Integer> a = Chan.make(1);
        Chan<String> b = Chan.make(1);
        a.send(1);
        RecvCase<Integer> ra = a.onRecv();
        List<String> fired = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Case c = select(ra, b.onSend("x"));
            fired.add(c == ra ? "recv" + ra.value() : "sent");
        }
        Collections.sort(fired);
        return fired + b.recv();
    }
}
