package io.jgo.sample;

import static io.jgo.Jgo.selectOrDefault;

import io.jgo.Case;
import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.RecvCase;
import io.jgo.SendCase;
import io.jgo.annotation.Go;

/**
 * Chapter "default": Go by Example's non-blocking channel operations. {@code select} with a
 * {@code default} branch is {@code Jgo.selectOrDefault}, which returns {@code null} when no
 * case is ready.
 */
final class SelectDefault {
    private SelectDefault() {
    }

    @Go
    static String main() {
        Chan<String> messages = Chan.make();
        Chan<Boolean> signals = Chan.make();
        StringBuilder out = new StringBuilder();

        RecvCase<String> msg = messages.onRecv();
        if (selectOrDefault(msg) == msg) {
            out.append("  received message ").append(msg.value()).append('\n');
        } else {
            out.append("  no message received").append('\n');
        }

        SendCase<String> send = messages.onSend("hi");
        if (selectOrDefault(send) == send) {
            out.append("  sent message hi").append('\n');
        } else {
            out.append("  no message sent (nobody is receiving on an unbuffered channel)").append('\n');
        }

        RecvCase<Boolean> sig = signals.onRecv();
        Case c = selectOrDefault(msg, sig);
        if (c == msg) {
            out.append("  received message ").append(msg.value());
        } else if (c == sig) {
            out.append("  received signal ").append(sig.value());
        } else {
            out.append("  no activity");
        }
        return out.toString();
    }

    static void show() {
        System.out.println(Jgo.run(SelectDefaultGo.main()));
    }
}
