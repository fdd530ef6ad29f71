package p;

import io.jgo.*; import io.jgo.annotation.Go;
import io.jgo.runtime.Frame;
import io.jgo.runtime.Suspending;
import static io.jgo.Jgo.*;
import java.util.*;

/** Suspending varargs methods with a generic element type, called with 0, 1, n args and an array. */
public class Varargs {

    /** The first value received from the first of chans that has one queued (a @Go generic varargs method). */
    @SafeVarargs
    @Go static <T> T first(Chan<T>... chans) {
        for (Chan<T> c : chans) {
            Received<T> r = c.tryRecv();
            if (r != null && r.ok()) {
                return r.value();
            }
        }
        gosched();
        return null;
    }

    @SafeVarargs
    @SuppressWarnings("varargs") // Arrays.toString only reads the array
    @Go static <T> String count(T... xs) {
        gosched();
        return xs.length + ":" + Arrays.toString(xs);
    }

    /**
     * A suspending method with a generic varargs element and its twin (the array, then the
     * frame), as the runtime declares them; this twin completes at once.
     */
    static final class Box<E> {
        final List<E> items = new ArrayList<>();

        @Suspending
        @SafeVarargs
        @SuppressWarnings("varargs") // asList only reads the array
        final int putAll(E... xs) {
            items.addAll(Arrays.asList(xs));
            return items.size();
        }

        final Object putAll(E[] xs, Frame<?> frame) {
            items.addAll(Arrays.asList(xs));
            return items.size();
        }
    }

    @Go static String calls() {
        Chan<String> a = Chan.make(1);
        Chan<String> b = Chan.make(1);
        b.send("from b");
        String none = first();
        String one = first(a);
        String two = first(a, b);
        a.send("from a");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Chan<String>[] arr = new Chan[] {b, a};
        String viaArray = first(arr);
        Box<Integer> box = new Box<>();
        int n0 = box.putAll();
        int n1 = box.putAll(1);
        int n3 = box.putAll(2, 3, 4);
        int na = box.putAll(new Integer[] {5, 6});
        return none + " " + one + " " + two + " " + viaArray + " " + count() + " " + count("x") + " " + count("x", "y")
                + " " + count(new String[] {"p", "q"}) + " " + n0 + n1 + n3 + na + box.items;
    }
}
