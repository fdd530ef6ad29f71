package io.jgo.sample;

import static io.jgo.Jgo.after;
import static io.jgo.Jgo.go;
import static io.jgo.Jgo.select;
import static io.jgo.Jgo.sleep;

import io.jgo.Case;
import io.jgo.Chan;
import io.jgo.Jgo;
import io.jgo.RecvCase;
import io.jgo.annotation.Go;
import java.time.Duration;
import java.time.Instant;

/**
 * Chapter "timeout": Go by Example's timeouts. A slow call answers after 300 ms; a select with
 * {@code time.After(50ms)} gives up first. A fast call answers after 10 ms, inside a 1 s timeout.
 */
final class SelectTimeout {
    private SelectTimeout() {
    }

    /** {@code time.Sleep(d); c <- result}; c is buffered, so a late answer never blocks. */
    @Go
    static void call(Duration d, String result, Chan<String> c) {
        sleep(d);
        c.send(result);
    }

    /** {@code select { case res := <-c: ...; case <-time.After(timeout): ... }}. */
    @Go
    static String callWithTimeout(Duration takes, Duration timeout, String name) {
        Chan<String> c = Chan.make(1);
        go(() -> call(takes, name, c));
        RecvCase<String> answer = c.onRecv();
        RecvCase<Instant> timedOut = after(timeout).onRecv();
        Case fired = select(new Case[] {answer, timedOut});
        if (fired == answer) {
            return "  " + answer.value() + " (took " + takes.toMillis() + " ms, timeout " + timeout.toMillis() + " ms)";
        }
        return "  timeout " + name + " (took " + takes.toMillis() + " ms, timeout " + timeout.toMillis() + " ms)";
    }

    @Go
    static String main() {
        String slow = callWithTimeout(Duration.ofMillis(300), Duration.ofMillis(50), "result 1");
        String fast = callWithTimeout(Duration.ofMillis(10), Duration.ofSeconds(1), "result 2");
        return slow + "\n" + fast;
    }

    static void show() {
        System.out.println(Jgo.run(SelectTimeoutGo.main()));
    }
}
