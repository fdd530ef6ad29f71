/**
 * jgo's runtime: goroutines, channels, {@code select}, timers, sync and context ({@code io.jgo}),
 * and the contract that the code generated from {@code @Go} methods calls ({@code io.jgo.runtime}).
 */
module io.jgo {
    // the runtime's MBean (JConsole, VisualVM) and its JFR events
    requires java.management;
    requires jdk.jfr;

    exports io.jgo;
    exports io.jgo.runtime;
}
