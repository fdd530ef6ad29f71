package p;

import io.jgo.*; import io.jgo.annotation.Go;
import static io.jgo.Jgo.*;
import java.time.Duration;

/** Generic classes: a method type variable that shadows the class's, and an inner class. */
public class Gen<T> {
    T held;

    Gen(T held) {
        this.held = held;
    }

    /** This T is the method's own, not the class's. */
    @Go <T> T shadow(T x) {
        sleep(Duration.ofMillis(1));
        return x;
    }

    @Go <T extends Comparable<T>> T max(T a, T b) {
        sleep(Duration.ofMillis(1));
        return a.compareTo(b) >= 0 ? a : b;
    }

    class Inner {
        T extra;

        @Go T pick(boolean mine, T other) {
            sleep(Duration.ofMillis(1));
            return mine ? extra : other;
        }
    }

    @Go public static String generics() {
        Gen<String> g = new Gen<>("held");
        Integer i = g.shadow(42);
        String m = g.max("pear", "apple");
        Gen<String>.Inner in = g.new Inner();
        in.extra = "extra";
        return i + " " + m + " " + in.pick(true, "x") + " " + in.pick(false, g.held);
    }
}
