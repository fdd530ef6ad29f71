package io.jgo.sample;

import static io.jgo.Jgo.go;

import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.Received;
import io.jgo.annotation.Go;

/**
 * Chapter "range": {@code for v := range ch} ends when the channel is closed and drained; a
 * receive on a closed channel gives the zero value at once ({@code null} in Java) and
 * {@code ok == false}.
 */
final class RangeClose {
    private RangeClose() {
    }

    /** {@code for i := 0; i < n; i++ { ch <- i * i }; close(ch)}. */
    @Go
    static void squares(int n, Chan<Integer> ch) {
        for (int i = 0; i < n; i++) {
            ch.send(i * i);
        }
        ch.close();
    }

    @Go
    static String main() {
        Chan<Integer> ch = Chan.make(2);
        go(() -> squares(6, ch));
        StringBuilder out = new StringBuilder("  range:");
        for (int v : ch) {  // for v := range ch
            out.append(' ').append(v);
        }
        Received<Integer> r = ch.recvOk(); // v, ok := <-ch
        out.append("\n  after close: v=").append(r.value()).append(" ok=").append(r.ok());
        return out.toString();
    }

    static void show() {
        System.out.println(Jgo.run(RangeCloseGo.main()));
    }
}
