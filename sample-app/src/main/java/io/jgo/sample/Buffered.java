package io.jgo.sample;

import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.annotation.Go;

/**
 * Chapter "buffered": Go by Example's buffered channel. A channel of capacity 2 accepts two sends
 * with no receiver; a third would block, which {@code trySend} (a select with default) shows
 * without blocking.
 */
final class Buffered {
    private Buffered() {
    }

    @Go
    static String main() {
        Chan<String> messages = Chan.make(2);
        messages.send("buffered");
        messages.send("channel");
        StringBuilder out = new StringBuilder();
        out.append("  len=").append(messages.len()).append(" cap=").append(messages.cap()).append('\n');
        boolean third = messages.trySend("third");
        out.append("  a third send would block: trySend -> ").append(third).append('\n');
        out.append("  ").append(messages.recv()).append('\n');
        out.append("  ").append(messages.recv()).append('\n');
        out.append("  len=").append(messages.len()).append(" after two receives");
        return out.toString();
    }

    static void show() {
        System.out.println(Jgo.run(BufferedGo.main()));
    }
}
