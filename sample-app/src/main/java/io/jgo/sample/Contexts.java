package io.jgo.sample;

import static io.jgo.Jgo.after;
import static io.jgo.Jgo.go;
import static io.jgo.Jgo.select;

import io.jgo.CancelContext;
import io.jgo.Case;
import io.jgo.Chan;
import io.jgo.Context;
import io.jgo.Jgo;
import io.jgo.RecvCase;
import io.jgo.annotation.Go;
import java.time.Duration;

/**
 * Chapter "context": a {@code context.WithTimeout} of 200 ms shared by two workers. The quick one
 * (2 steps of 10 ms) finishes; the slow one (100 steps) sees {@code ctx.Done()} and stops, with
 * {@code ctx.Err()} = deadline exceeded.
 */
final class Contexts {
    private Contexts() {
    }

    /** Works in steps of 10 ms, checking for cancellation between them, like a well-behaved Go worker. */
    @Go
    static void work(Context ctx, String name, int steps, Chan<String> report) {
        RecvCase<Void> done = ctx.done().onRecv();
        for (int i = 1; i <= steps; i++) {
            RecvCase<java.time.Instant> step = after(Duration.ofMillis(10)).onRecv();
            if (select(new Case[] {done, step}) == done) {
                report.send("  " + name + ": stopped after " + (i - 1) + " of " + steps + " steps: " + ctx.err().getMessage());
                return;
            }
        }
        report.send("  " + name + ": done, " + steps + " steps");
    }

    @Go
    static String main() {
        CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(200));
        try {
            Chan<String> report = Chan.make();
            go(() -> work(ctx, "quick worker", 2, report));
            go(() -> work(ctx, "slow worker", 100, report));
            String a = report.recv();
            String b = report.recv();
            return a + "\n" + b;
        } finally {
            ctx.cancel(); // defer cancel(): releases the context's timer
        }
    }

    static void show() {
        System.out.println(Jgo.run(ContextsGo.main()));
    }
}
