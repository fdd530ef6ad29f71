package io.jgo.sample;

import static io.jgo.Jgo.newTicker;

import io.jgo.Jgo;
import io.jgo.Ticker;
import io.jgo.annotation.Go;
import java.time.Duration;
import java.time.Instant;

/**
 * Chapter "ticker": a task scheduled every 25 ms with a {@code time.Ticker}, stopped after five
 * runs. Each tick is a receive on {@code ticker.C()}: the goroutine holds no thread in between.
 */
final class Tickers {
    static final int RUNS = 5;
    static final long PERIOD_MS = 25;

    private Tickers() {
    }

    @Go
    static String main() {
        Ticker ticker = newTicker(Duration.ofMillis(PERIOD_MS));
        long t0 = System.nanoTime();
        StringBuilder out = new StringBuilder();
        try {
            for (int run = 1; run <= RUNS; run++) {
                Instant at = ticker.C().recv();   // t := <-ticker.C
                long ms = (System.nanoTime() - t0) / 1_000_000;
                out.append("  tick ").append(run).append(" at +").append(ms).append(" ms (")
                        .append(at).append(")\n");
            }
        } finally {
            ticker.stop();                        // defer ticker.Stop()
        }
        out.append("  ticker stopped after ").append(RUNS).append(" runs");
        return out.toString();
    }

    static void show() {
        System.out.println(Jgo.run(TickersGo.main()));
    }
}
