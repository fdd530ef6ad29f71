package demo.inc;

import static io.jgo.Jgo.go;

import io.jgo.Chan;
import io.jgo.annotation.Go;

/** Calls the @Go methods of another class, in another file, from its own goroutines. */
public class User {
    @Go
    static void worker(int x, Chan<Integer> out) {
        out.send(Pair.Inner.plusOne(x));
    }

    @Go
    public static int main() {
        Chan<Integer> out = Chan.make();
        go(() -> worker(20, out));
        go(() -> worker(1, out));
        return out.recv() + out.recv();
    }
}
