/**
 * jgo's runtime: goroutines, channels, {@code select}, timers, sync and context ({@code io.jgo}),
 * and the contract that the code generated from {@code @Go} methods calls ({@code io.jgo.runtime}).
 */
module io.jgo {
    exports io.jgo;
    exports io.jgo.runtime;
}
