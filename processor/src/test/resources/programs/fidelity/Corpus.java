package p;

import io.jgo.*; import io.jgo.annotation.Go;
import static io.jgo.Jgo.*;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Shapes of real-world code (found by putting @Go on every method of commons-lang3,
 * commons-collections4 and guava) whose frames once did not compile. Each is run plain and as a
 * goroutine, and the two must agree.
 */
public class Corpus {
    private static final char QUOTE = '\'';
    private static final char BACKSLASH = '\\';
    private static final int LIMIT = -3;
    private static final long BIG = Long.MIN_VALUE;
    private static final String WORD = "w\"o\nrd";

    enum Color { RED, GREEN, BLUE }

    /** Parks, then returns v. */
    @Go static int slow(int v) {
        sleep(Duration.ofMillis(1));
        return v;
    }

    /** A lambda returned from a frame needs its type: resume returns Object. */
    @Go static Function<Integer, Integer> adder(int by) {
        int parked = slow(by);
        return x -> x + parked;
    }

    @Go static Supplier<String> supplier(boolean method) {
        slow(1);
        return method ? Corpus::word : (() -> "lambda");
    }

    static String word() {
        return "word";
    }

    @Go public static String returnedLambdas() {
        return adder(4).apply(3) + " " + supplier(true).get() + " " + supplier(false).get();
    }

    /** Private constants are case labels: they are written in, never read through a helper. */
    @Go public static String privateConstantsAsCaseLabels() {
        StringBuilder b = new StringBuilder();
        for (char c : ("a'b\\c").toCharArray()) {
            switch (c) {
                case QUOTE -> b.append("Q").append(slow(1));
                case BACKSLASH -> b.append("B");
                default -> b.append(c);
            }
        }
        int n = slow(-3);
        switch (n) {
            case LIMIT:
                b.append(" limit");
                break;
            default:
                b.append(" other");
        }
        return b + " " + BIG + " " + WORD + " " + (QUOTE == '\'');
    }

    /** A private generic method: its result is cast to the call's type, not to its own B. */
    private static <B extends Appendable> B appendTo(B buf, String s) {
        try {
            buf.append(s);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return buf;
    }

    @Go public static String privateGenericMethod() {
        StringBuilder sb = appendTo(new StringBuilder(), "x" + slow(1));
        appendTo(sb, "y"); // on statement position: no cast, which would not be a statement
        return appendTo(sb, "z").toString();
    }

    /** A temporary of a type with a nested capture: TypeVariable<Class<capture of ?>>[]. */
    @Go public static String nestedCaptures() {
        Class<?> c = List.class;
        int n = c.getTypeParameters().length + slow(1);
        List<? extends List<? extends Number>> nested = List.of(List.of(1, 2));
        int m = nested.get(0).size() + slow(2);
        return n + " " + m;
    }

    /** super(...) in the constructor of a local class of a @Go method. */
    @Go public static String localClassConstructors() {
        class Named extends ArrayList<String> {
            private static final long serialVersionUID = 1L;
            final String name;

            Named(String name, int capacity) {
                super(capacity);
                this.name = name;
            }

            Named(String name) {
                this(name, 4);
            }
        }
        Named n = new Named("n" + slow(1));
        n.add("a");
        return n.name + n.size();
    }

    /** An implicitly typed lambda parameter of a captured type, in a class processed over two rounds. */
    @Go public static <E extends Enum<E>> int captureInLambda(Class<E> type, Iterable<? extends E> values) {
        EnumSet<E> set = EnumSet.noneOf(type);
        values.forEach(v -> set.add(v));
        return set.size() + slow(0);
    }

    @Go public static String capturedLambdaParameters() {
        return "" + captureInLambda(Color.class, List.of(Color.RED, Color.BLUE, Color.RED));
    }

    /** The entry point's exception variable does not hide a parameter named like it. */
    @Go public String parameterNamedLikeTheEntrysCatch(Throwable t, String thrown$) {
        return t.getMessage() + thrown$ + slow(1);
    }

    @Go public static String entryPointNames() {
        return new Corpus().parameterNamedLikeTheEntrysCatch(new RuntimeException("m"), "!");
    }

    /** A conditional argument of a generic call: javac's cache of its type must not outlive the round. */
    @Go static <T> boolean keep(Iterable<T> c, Predicate<? super T> p) {
        slow(0);
        return p != null;
    }

    static <T> Predicate<T> not(Predicate<? super T> p) {
        return x -> !p.test(x);
    }

    @Go static <T> boolean conditionalArgument(Iterable<T> c, Predicate<? super T> p) {
        return keep(c, p == null ? null : not(p));
    }

    @Go public static String conditionalArguments() {
        return conditionalArgument(List.of(1), x -> true) + " " + conditionalArgument(List.of(1), null);
    }

    /** The capture of '? super E' keeps its lower bound where a frame writes its type. */
    @Go static <T> Predicate<T> equalTo(T object, Comparator<T> cmp) {
        slow(0);
        return x -> cmp.compare(object, x) == 0;
    }

    @Go static <E> boolean anyMatch(Iterable<E> it, Predicate<? super E> p) {
        for (E e : it) {
            if (p.test(e)) {
                return slow(1) == 1;
            }
        }
        return false;
    }

    @Go static <E> boolean containsWith(Iterable<E> it, E object, Comparator<? super E> cmp) {
        return anyMatch(it, equalTo(object, cmp));
    }

    @Go public static String lowerBoundedCaptures() {
        Comparator<Object> byText = Comparator.comparing(Object::toString);
        return containsWith(List.of("a", "b"), "b", byText) + " " + containsWith(List.of("a"), "c", byText);
    }

    /** A generic @Go method whose type variable only the call's target fixes: F of a method reference. */
    @Go static <T, F> List<T> mapAll(List<F> in, Function<F, ? extends T> f) {
        List<T> out = new ArrayList<>();
        for (F x : in) {
            out.add(f.apply(x));
        }
        slow(0);
        return out;
    }

    @Go static <F> Function<List<F>, Integer> sizes(Function<F, Integer> f) {
        slow(0);
        return l -> l.size();
    }

    @Go public static String inferredFromFunctions() {
        List<java.util.Map.Entry<String, Integer>> es = List.of(java.util.Map.entry("a", 1), java.util.Map.entry("b", 2));
        List<String> keys = mapAll(es, java.util.Map.Entry::getKey);
        List<Integer> doubled = mapAll(es, e -> e.getValue() * 2);
        return keys + " " + doubled;
    }

    /** A result whose type is an intersection (the lub of two collections). */
    @Go static <T> T firstNonNull(T a, T b) {
        slow(0);
        return a != null ? a : b;
    }

    @Go public static String intersectionResults() {
        java.util.concurrent.ConcurrentHashMap.KeySetView<String, Boolean> view =
                java.util.concurrent.ConcurrentHashMap.newKeySet();
        view.add("y");
        java.util.Set<String> s = firstNonNull(new java.util.TreeSet<>(List.of("x")), view);
        java.util.Set<String> t = firstNonNull(null, view);
        return s + " " + t;
    }

    /** A class type variable with a raw bound, inferred where the parameter's bound is parameterized. */
    interface Bag<C> {
        int size();
    }

    static final class Sorted<C extends Comparable<?>> implements Bag<C> {
        final java.util.TreeSet<Object> items = new java.util.TreeSet<>();

        public int size() {
            return items.size();
        }
    }

    @Go static <C extends Comparable<?>> Sorted<C> sorted(Iterable<C> from) {
        Sorted<C> s = new Sorted<>();
        for (C c : from) {
            s.items.add(c);
        }
        slow(0);
        return s;
    }

    @SuppressWarnings("rawtypes")
    static final class RawBound<C extends Comparable> {
        @Go int fill(C a, C b) {
            Bag<C> s = sorted(List.of(a, b));
            return s.size() + slow(0);
        }
    }

    @Go public static String rawBoundArguments() {
        return "" + new RawBound<String>().fill("a", "b");
    }

    /** Members of the enclosing instance, used from @Go methods of inner classes, one and two levels in. */
    int total = 5;
    private int secret = 7;

    int bump(int by) {
        total += by;
        return total;
    }

    class Inner {
        int mine = 1;

        @Go int useOuter(int x) {
            int a = total + slow(x);
            bump(1);
            int b = Corpus.this.secret + mine;
            Other o = new Other();
            return a + b + total + o.v;
        }

        class Deeper {
            @Go int deep() {
                return total + mine + slow(1) + Corpus.this.total;
            }
        }
    }

    class Other {
        int v = 100;
    }

    @Go public static String enclosingInstances() {
        Corpus c = new Corpus();
        Corpus.Inner in = c.new Inner();
        return in.useOuter(2) + " " + in.new Deeper().deep() + " " + c.total;
    }
}
