package io.jgo;

/** The two forms of a goroutine dump ({@link GoRuntime#dump(DumpFormat)}). */
public enum DumpFormat {
    /**
     * Every goroutine on its own, as Go prints them on {@code SIGQUIT}: {@code goroutine 7 [chan
     * receive, 3 minutes] {request=42}:}, its frames (a running goroutine's carrier stack), then
     * {@code created by ...}.
     */
    FULL,
    /**
     * As pprof's {@code goroutine?debug=1}: goroutines with the same state, labels, frames and
     * creation site counted in one entry ({@code 10000 goroutines [chan receive]:}), largest
     * first; ids and wait lengths are left out. Ten thousand goroutines leaked at one line are
     * a few lines.
     */
    GROUPED
}
