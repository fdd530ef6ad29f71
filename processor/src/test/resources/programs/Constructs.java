package p;

import io.jgo.*; import io.jgo.annotation.Go;
import static io.jgo.Jgo.*;
import java.util.*;
import java.util.function.*;

/** Every construct the transform must handle; each method returns a trace of what it did. */
public class Constructs {
    enum Color { RED, GREEN, BLUE }

    static final class Res implements AutoCloseable {
        final StringBuilder log;
        final String name;

        Res(StringBuilder log, String name) {
            this.log = log;
            this.name = name;
            log.append("open ").append(name).append(';');
        }

        @Override
        public void close() {
            log.append("close ").append(name).append(';');
        }
    }

    static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Boom(String m) {
            super(m);
        }
    }

    /** Returns x after a real suspension (a yield), so the caller's state is saved and restored. */
    @Go static int id(int x) {
        gosched();
        return x;
    }

    @Go static String sid(String s) {
        gosched();
        return s;
    }

    @Go static boolean bid(boolean b) {
        gosched();
        return b;
    }

    @Go static int fail(String m) {
        gosched();
        throw new Boom(m);
    }

    static int note(StringBuilder log, String s, int v) {
        log.append(s).append(';');
        return v;
    }

    static String three(int a, int b, int c) {
        return a + "," + b + "," + c;
    }

    @Go static String evaluationOrder() {
        StringBuilder log = new StringBuilder();
        String r = three(note(log, "a", 1), id(note(log, "b", 2)), note(log, "c", 3));
        int x = 10;
        int y = x + id(x++) + x;
        return log + r + " y=" + y + " x=" + x;
    }

    @Go static String shortCircuits() {
        StringBuilder log = new StringBuilder();
        boolean a = bid(false) && note(log, "never", 1) == 1;
        boolean b = bid(true) || note(log, "never", 1) == 1;
        boolean c = note(log, "c", 1) == 1 && bid(true);
        boolean d = note(log, "d", 0) == 1 || bid(false);
        int e = bid(c) ? id(1) : id(2);
        int f = !c ? id(1) : 7;
        String s = "s=" + id(4) + (d ? "yes" : sid("no")) + id(5);
        return log + " " + a + b + c + d + e + f + s;
    }

    @SuppressWarnings("lossy-conversions") // JDK 20+ lint; unknown names are ignored by JDK 17
    @Go static String assignments() {
        int[] arr = new int[5];
        int i = 0;
        arr[i++] = id(5);
        arr[i] += id(3);
        arr[id(2)] = arr[0] * id(2);
        int x = 1;
        x += id(2);
        x *= id(3) + x;
        x -= x++ - id(1);
        long l = 5;
        l <<= id(2);
        String s = "a";
        s += id(1);
        s += sid("b") + id(2);
        char ch = 'a';
        ch += id(1);
        Integer boxed = 3;
        boxed += id(4);
        int[][] grid = new int[id(2)][id(3)];
        grid[id(1)][id(2)] = id(9);
        return Arrays.toString(arr) + " x=" + x + " l=" + l + " s=" + s + " ch=" + ch + " boxed=" + boxed
                + " grid=" + Arrays.deepToString(grid);
    }

    @Go static String loops() {
        StringBuilder sb = new StringBuilder();
        outer:
        for (int i = 0; i < 5; i++) {
            int j = 0;
            while (true) {
                j = j + id(1);
                if (j > 3) {
                    continue outer;
                }
                if (i == 3) {
                    break outer;
                }
                if (j == 2) {
                    continue;
                }
                sb.append(i).append(j).append(' ');
            }
        }
        int k = 0;
        do {
            k += id(2);
            sb.append("k").append(k);
        } while (k < id(7));
        for (int a = 0, b = 10; a < b; a += id(3), b--) {
            sb.append('[').append(a).append(b).append(']');
        }
        List<String> words = List.of("x", "y", "z");
        for (String w : words) {
            sb.append(sid(w));
        }
        int[] nums = {1, 2, 3};
        for (int n : nums) {
            if (n == 2) {
                continue;
            }
            sb.append(id(n * 10));
        }
        block:
        {
            if (id(1) == 1) {
                break block;
            }
            sb.append("unreachable in practice");
        }
        return sb.toString();
    }

    @SuppressWarnings("fallthrough")
    @Go static String switches(int n, String s, Color c) {
        StringBuilder sb = new StringBuilder();
        switch (id(n)) {
            case 1:
                sb.append("one;");
            case 2:
                sb.append("two-ish;").append(id(2));
                break;
            case 3: {
                sb.append("three;");
                if (id(3) == 3) {
                    break;
                }
                sb.append("never;");
            }
            default:
                sb.append("default;");
        }
        switch (sid(s)) {
            case "a", "b" -> sb.append("ab;").append(id(1));
            case "c" -> {
                sb.append("c;");
                sb.append(sid("C"));
            }
            default -> sb.append("other;");
        }
        switch (c) {
            case RED:
                sb.append("red").append(id(1));
                break;
            case GREEN:
                sb.append("green");
                break;
            default:
                sb.append("blue").append(sid("!"));
        }
        int v = switch (c) {
            case RED -> id(10);
            case GREEN -> {
                int t = id(20);
                yield t + 1;
            }
            case BLUE -> 30;
        };
        String w = switch (id(n)) {
            case 1:
                yield sid("uno");
            case 2:
                if (id(0) == 0) {
                    yield "dos";
                }
            default:
                yield "mucho";
        };
        return sb + " v=" + v + " w=" + w;
    }

    @Go static String switchesAll() {
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < 5; n++) {
            for (String s : new String[] {"a", "b", "c", "z"}) {
                for (Color c : Color.values()) {
                    sb.append(switches(n, s, c)).append('\n');
                }
            }
        }
        return sb.toString();
    }

    @Go static String tries() {
        StringBuilder sb = new StringBuilder();
        try {
            sb.append(id(1));
            fail("x");
            sb.append("never");
        } catch (Boom e) {
            sb.append(" caught ").append(e.getMessage()).append(id(2));
        } finally {
            sb.append(" finally").append(id(3));
        }
        try {
            try {
                sb.append(id(4));
                throw new IllegalStateException("inner");
            } finally {
                sb.append(" f1 ").append(id(5));
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            sb.append(" outer caught ").append(e.getMessage());
        }
        for (int i = 0; i < 3; i++) {
            try {
                if (i == 1) {
                    continue;
                }
                if (i == 2) {
                    break;
                }
                sb.append(" body").append(id(i));
            } finally {
                sb.append(" fin").append(i).append(id(0));
            }
        }
        sb.append(" ret=").append(returnsThroughFinally(sb));
        try {
            sb.append(fail("y"));
        } catch (RuntimeException e) {
            sb.append(" rt ").append(e.getClass().getSimpleName());
        }
        try {
            int[] a = new int[1];
            a[id(5)] = 1;
        } catch (ArrayIndexOutOfBoundsException e) {
            sb.append(" aioobe");
        }
        return sb.toString();
    }

    @Go static int returnsThroughFinally(StringBuilder sb) {
        int x = 1;
        try {
            x = id(2);
            return x * 10;
        } finally {
            sb.append(" retfin").append(x);
            x = 99;
        }
    }

    @Go static String finallyOverridesReturn() {
        StringBuilder sb = new StringBuilder();
        sb.append(overriding());
        return sb.toString();
    }

    @SuppressWarnings("finally")
    @Go static int overriding() {
        try {
            return id(1);
        } finally {
            if (id(2) == 2) {
                return 2;
            }
        }
    }

    @SuppressWarnings("try")
    @Go static String resources() {
        StringBuilder log = new StringBuilder();
        try (Res a = new Res(log, "a"); Res b = new Res(log, "b" + id(1))) {
            log.append("body ").append(id(2)).append(';');
        }
        try (Res c = new Res(log, "c")) {
            log.append("c body;");
            fail("in twr");
        } catch (Boom e) {
            log.append("caught ").append(e.getMessage()).append(';');
        } finally {
            log.append("finally ").append(id(3)).append(';');
        }
        return log.toString();
    }

    @Go static int fib(int n) {
        if (n < 2) {
            return n;
        }
        return fib(n - 1) + fib(n - 2);
    }

    @Go static String recursion() {
        return "fib=" + fib(15);
    }

    @Go static <T extends Comparable<T>> T max(List<T> xs) {
        T best = null;
        for (T x : xs) {
            gosched();
            if (best == null || x.compareTo(best) > 0) {
                best = x;
            }
        }
        return best;
    }

    @Go static int sumAll(int... xs) {
        int s = 0;
        for (int x : xs) {
            s += id(x);
        }
        return s;
    }

    @Go static String genericsAndVarargs() {
        return max(List.of(3, 9, 2)) + " " + max(List.of("b", "a")) + " " + sumAll() + " " + sumAll(1, 2, 3)
                + " " + sumAll(new int[] {4, 5});
    }

    @Go static String lambdasCaptureValues() {
        List<Supplier<String>> fs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int v = id(i * 2);
            fs.add(() -> "v" + v);
            String w = sid("w" + i);
            fs.add(() -> w + v);
        }
        StringBuilder sb = new StringBuilder();
        for (Supplier<String> f : fs) {
            sb.append(f.get()).append(' ');
        }
        Function<Integer, Integer> twice = x -> x * 2;
        sb.append(twice.apply(id(21)));
        return sb.toString();
    }

    @Go static String goroutinesWithBlocks() {
        Chan<String> results = Chan.make();
        for (int i = 0; i < 4; i++) {
            int k = i;
            String tag = "g" + id(i);
            go(() -> {
                int acc = 0;
                for (int j = 0; j <= k; j++) {
                    acc += id(j);
                }
                results.send(tag + "=" + acc);
            });
        }
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            got.add(results.recv());
        }
        Collections.sort(got);
        return got.toString();
    }

    @Go static String patterns() {
        Object o = sid("text");
        StringBuilder sb = new StringBuilder();
        if (o instanceof String s) {
            sb.append(sid(s.toUpperCase()));
            sb.append(s.length());
        }
        if (!(o instanceof String t)) {
            return "no";
        }
        sb.append(id(t.length()));
        return sb.toString();
    }

    @Go static String exceptionsFromCallee() {
        try {
            return "no " + fail("deep");
        } catch (Boom e) {
            return "caught " + e.getMessage();
        }
    }

    @Go static String uncaught() {
        int x = id(1);
        if (x == 1) {
            throw new Boom("escapes " + x);
        }
        return "no";
    }

    @Go static String channelsAndRange() {
        Chan<Integer> c = Chan.make(3);
        go(() -> {
            for (int i = 0; i < 10; i++) {
                c.send(i * i);
            }
            c.close();
        });
        StringBuilder sb = new StringBuilder();
        for (int v : c) {
            if (v == 4) {
                continue;
            }
            sb.append(v).append(',');
            if (v > 40) {
                break;
            }
        }
        return sb.toString();
    }

    static final class Counter {
        int n;

        int next() {
            return ++n;
        }
    }

    @Go static int io(int x) throws java.io.IOException {
        gosched();
        if (x > 2) {
            throw new java.io.IOException("io" + x);
        }
        return x;
    }

    @Go static String checkedExceptions() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            try {
                sb.append(io(i)).append(',');
            } catch (java.io.IOException e) {
                sb.append(e.getMessage()).append(';');
            }
        }
        int base = id(10);
        Function<Integer, Integer> plus = x -> x + base;
        sb.append(Objects.requireNonNull(plus, "f").apply(1)).append(' ');
        sb.append(apply(x -> x * base, id(3)));
        return sb.toString();
    }

    static int apply(Function<Integer, Integer> f, int x) {
        return f.apply(x);
    }

    @Go static String selects() {
        Chan<Integer> a = Chan.make();
        Chan<String> b = Chan.make(1);
        go(() -> a.send(id(1)));
        RecvCase<Integer> ra = a.onRecv();
        Case sb1 = b.onSend("x");
        List<String> fired = new ArrayList<>(); // either may fire first: compare the set
        for (int i = 0; i < 2; i++) {
            Case c = select(ra, sb1);
            fired.add(c == ra ? "recv" + ra.value() : "sent");
        }
        Collections.sort(fired);
        StringBuilder sb = new StringBuilder(fired.toString());
        sb.append(b.recv());
        Case none = selectOrDefault(a.onRecv());
        sb.append(none == null ? " none" : " some");
        return sb.toString();
    }

    static final int LIMIT = 3;
    static int counter;

    @Go static String printing() {
        StringBuilder sb = new StringBuilder();
        BiFunction<String, Integer, String> rep = (String s, Integer n) -> s.repeat(n);
        Function<Object, String> str = String::valueOf;
        var list = new ArrayList<String>();
        list.add(rep.apply("ab", id(2)));
        list.add(str.apply(id(7)));
        List<String> empty = Collections.<String>emptyList();
        sb.append(list).append(empty.size());
        char c = (char) ('a' + id(2));
        switch (c) {
            case 'a' -> sb.append("A");
            case 'c' -> sb.append("C").append(id(LIMIT));
            default -> sb.append('?');
        }
        counter += id(5);
        Constructs.counter -= 1;
        long big = 1L << id(40);
        double d = id(3) / 2.0;
        int[][] m = {{1, 2}, {3, id(4)}};
        Object o = id(1) > 0 ? "s" : Integer.valueOf(1);
        sb.append(' ').append(big).append(' ').append(d).append(' ').append(m[1][1]).append(' ').append(o)
                .append(' ').append(counter > 0).append(' ').append(Integer.MAX_VALUE + id(1)).append(' ')
                .append(-id(-3)).append(' ').append(~id(0)).append(' ').append(!bid(false)).append(' ')
                .append(id(7) >>> 1).append(' ').append("q\"\n\t".length()).append('\'');
        Runnable r = () -> sb.append(" run");
        r.run();
        sb.append(list.stream().map(String::toUpperCase).reduce("", (x, y) -> x + y));
        return sb.toString();
    }

    @Go static String localClassesAndAnonymous() {
        class Local {
            int twice(int x) {
                return 2 * x;
            }
        }
        int z = id(new Local().twice(4));
        Counter c = new Counter();
        int a = id(c.next()) + z;
        Comparator<String> byLength = new Comparator<String>() {
            @Override
            public int compare(String x, String y) {
                return Integer.compare(x.length(), y.length());
            }
        };
        List<String> l = new ArrayList<>(List.of("ccc", "a", "bb"));
        l.sort(byLength);
        return a + " " + id(c.next()) + " " + l;
    }
}
