package p;

import io.jgo.*; import io.jgo.annotation.Go;
import static io.jgo.Jgo.*;
import java.util.*;
import java.util.function.*;

/** Local and anonymous classes and lambdas that capture locals living across suspension points. */
public class LocalClasses {

    @Go static int id(int x) {
        gosched();
        return x;
    }

    @Go static String adder(Chan<Integer> ch) {
        int base = ch.recv();
        String label = "b" + base;
        class Adder {
            int add(int x) {
                return x + base;
            }

            @Override
            public String toString() {
                return label + "+";
            }
        }
        Adder now = new Adder();
        int first = now.add(1);
        String shown = now.toString();
        // created before a suspension and used after it: kept in a field of the frame
        int second = new Adder().add(ch.recv());
        return shown + " " + first + " " + second + " " + new Adder().add(id(100));
    }

    @Go static String capturesPerIteration() {
        List<IntSupplier> fs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int v = id(i * 10);
            class Cell implements IntSupplier {
                @Override
                public int getAsInt() {
                    return v + 1;
                }
            }
            fs.add(new Cell());
            fs.add(new IntSupplier() { // an anonymous class capturing v, which lives across id()
                @Override
                public int getAsInt() {
                    return v + 2;
                }
            });
            int w = id(v + 5);
            fs.add(() -> v + w);
        }
        StringBuilder sb = new StringBuilder();
        for (IntSupplier f : fs) {
            sb.append(f.getAsInt()).append(' ');
        }
        return sb.toString();
    }

    @Go static String capturesAParameterAndNestsClasses(String prefix, Chan<Integer> ch) {
        int n = ch.recv();
        class Outer {
            String make(int k) {
                class Inner {
                    String show() {
                        return prefix + n + ":" + k;
                    }
                }
                return new Inner().show();
            }
        }
        String a = new Outer().make(1);
        ch.send(n + 1);
        return a + " " + new Outer().make(ch.recv());
    }

    @Go static String scenario() {
        Chan<Integer> ch = Chan.make(1);
        ch.send(7);
        go(() -> {
            gosched();
            ch.send(20);
        });
        String a = adder(ch);
        Chan<Integer> ch2 = Chan.make(1);
        ch2.send(3);
        return a + " | " + capturesPerIteration() + "| " + capturesAParameterAndNestsClasses("p", ch2);
    }
}
