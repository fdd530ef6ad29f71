package p;

import io.jgo.*; import io.jgo.annotation.Go;
import static io.jgo.Jgo.*;
import java.time.Duration;

/**
 * Ordinary Java inside @Go methods that once compiled to a frame that behaved differently, or
 * did not compile. Every method is run plain and as a goroutine, and the two must agree. The
 * suspension points sleep, so the goroutine really parks there (a frame that forgets a value
 * across a suspension only fails when it parks).
 */
public class Fidelity extends q.Base {
    private int priv;
    private String label = "";

    static class Box {
        private int x;
        private int[] arr = new int[2];
        private Box next;
    }

    /** Parks, then returns v. */
    @Go static int slow(int v) {
        sleep(Duration.ofMillis(1));
        return v;
    }

    @Go static Box slowBox() {
        sleep(Duration.ofMillis(1));
        Box b = new Box();
        b.x = 40;
        return b;
    }

    /** The receiver is a local not read after the statement: it must survive the park. */
    @Go public static String privateFieldStoreAcrossPark() {
        Fidelity f = new Fidelity();
        Fidelity keep = f;
        f.priv = slow(7);
        Box b = new Box();
        Box bk = b;
        b.x = slow(8);
        return keep.priv + " " + bk.x;
    }

    @Go public static String privateFieldCompoundAcrossPark() {
        Fidelity f = new Fidelity();
        Fidelity keep = f;
        f.priv = 1;
        f.priv += slow(2);
        f.label += slow(3);
        Box b = new Box();
        Box bk = b;
        b.x -= slow(5);
        return keep.priv + " " + keep.label + " " + bk.x;
    }

    /** Java evaluates the receiver before the right-hand side, even when the latter suspends. */
    @Go public static String receiverEvaluatedFirst() {
        Box a = new Box();
        Box b = new Box();
        Box target = a;
        target.x = swapAndGet(9);
        Box[] boxes = {a, b};
        int i = 0;
        boxes[i].x += slow(i = 1);
        return a.x + " " + b.x + " " + i;
    }

    @Go static int swapAndGet(int v) {
        sleep(Duration.ofMillis(1));
        return v;
    }

    /** Private fields of computed objects, read and written around suspension points. */
    @Go public static String privateFieldOfComputedObject() {
        int read = slowBox().x;
        Box[] holder = {new Box()};
        holder[0].x = slow(4);
        holder[0].next = new Box();
        holder[0].next.x = slow(6);
        holder[0].next.x += slow(1);
        return read + " " + holder[0].x + " " + holder[0].next.x;
    }

    /** An implicit-this private field of an instance method. */
    @Go String own(int v) {
        priv = slow(v);
        priv += slow(1);
        return label + priv;
    }

    @Go public static String instancePrivateFields() {
        Fidelity f = new Fidelity();
        f.label = "L";
        return f.own(10);
    }

    /** Protected members inherited from a class of another package. */
    @Go int useProtected(int by) {
        bump(slow(by));
        count += slow(1);
        tag = tag + slow(2);
        return count + twice(slow(3)) + hello().length() + tag.length();
    }

    @Go public static String protectedMembersFromAnotherPackage() {
        Fidelity f = new Fidelity();
        return f.useProtected(5) + " " + f.count + " " + f.tag + " " + (created > 0);
    }

    /** Records with canonical constructors in a class whose @Go methods the processor reads. */
    record Range(int lo, int hi) {
        Range {
            if (lo > hi) {
                throw new IllegalArgumentException(lo + " > " + hi);
            }
        }
    }

    record Named(String name) {
        Named(String name) {
            this.name = name.trim();
        }
    }

    @Go public static String recordsWithCanonicalConstructors() {
        Range r = new Range(slow(1), slow(5));
        Named n = new Named(" x ");
        String failed;
        try {
            new Range(slow(9), 2);
            failed = "no";
        } catch (IllegalArgumentException e) {
            failed = e.getMessage();
        }
        return r + " " + n.name() + " " + failed;
    }

    /** 'var' of types no declaration can name, where they do not live across a suspension. */
    @Go public static String varOfUnwritableTypes() {
        int n = slow(2);
        if (n > 0) {
            var counter = new Object() {
                int hits = 3;
            };
            var both = (Comparable<String> & java.io.Serializable) "s";
            java.io.Serializable s = both;
            counter.hits += n;
            return counter.hits + " " + s;
        }
        var r = new Runnable() {
            @Override
            public void run() {
            }
        };
        int m = slow(1);
        r.run();
        return "" + m;
    }

    /** Recursion that never suspends: as deep as the heap allows, like Go's growable stacks. */
    @Go public static long depth(int n) {
        return n == 0 ? 0 : 1 + depth(n - 1);
    }

    /** Deep recursion that parks at the bottom and throws back up through every level. */
    @Go public static long depthThenPark(int n) {
        if (n == 0) {
            return slow(7);
        }
        return depthThenPark(n - 1) + 1;
    }

    @Go static int deepThrow(int n) {
        if (n == 0) {
            throw new IllegalStateException("bottom");
        }
        return deepThrow(n - 1) + 1;
    }

    @Go public static String deepThrowCaught(int n) {
        try {
            return "returned " + deepThrow(n);
        } catch (IllegalStateException e) {
            return "caught " + e.getMessage();
        }
    }

    static class Made {
        final int v;

        private Made(int v) {
            this.v = v;
        }
    }

    class Cell {
        final String w;

        Cell(int w) {
            this.w = label + w;
        }
    }

    @Go String construct() {
        Made m = new Made(slow(4));
        Cell c = new Cell(slow(5));
        return m.v + " " + c.w;
    }

    /** Constructors whose arguments park: a private one (through its handle) and an inner class's. */
    @Go public static String constructorsWithSuspendingArguments() {
        Fidelity f = new Fidelity();
        f.label = "cell";
        return f.construct();
    }

    @Override
    protected int twice(int x) {
        return 3 * x;
    }

    @Override
    public String toString() {
        return "Fidelity(" + count + ")";
    }

    /** super.m(...) calls the overridden method, never this class's override. */
    @Go String callsThroughSuper(int v) {
        int mine = twice(slow(v));
        int theirs = super.twice(slow(v));
        String base = super.toString().startsWith("p.Fidelity@") ? "Object.toString" : super.toString();
        return mine + " " + theirs + " " + base + " " + toString() + " " + super.hashCode() / Integer.MAX_VALUE;
    }

    /** The override extends the @Go method of its superclass (another package) through super. */
    @Override
    @Go protected String layered(int x) {
        return "sub(" + super.layered(x + 1) + "," + slow(x) + ")";
    }

    @Go public static String superCalls() {
        Fidelity f = new Fidelity();
        return f.callsThroughSuper(5) + " " + f.layered(3);
    }
}
