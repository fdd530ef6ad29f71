package q;

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
}
