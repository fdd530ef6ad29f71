package q;

import io.jgo.Chan;
import io.jgo.annotation.Go;

/** A superclass in another package: its protected members are the subclass's, not its package's. */
public class Base {
    protected int count;
    protected static int created;
    protected String tag = "base";

    protected Base() {
        created++;
    }

    protected void bump(int by) {
        count += by;
    }

    protected static String hello() {
        return "hi";
    }

    protected int twice(int x) {
        return 2 * x;
    }

    /** A @Go method that subclasses extend through super: it parks before it answers. */
    @Go protected String layered(int x) {
        Chan<Integer> c = Chan.make(0);
        io.jgo.Jgo.go(() -> c.send(x * 10));
        return "base(" + c.recv() + ")";
    }
}
