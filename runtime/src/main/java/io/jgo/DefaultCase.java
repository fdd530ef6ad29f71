package io.jgo;

/** Go's {@code default:} in a select, made by {@link Jgo#otherwise(GoRunnable)}. */
final class DefaultCase extends Case {
    DefaultCase(GoRunnable body) {
        super(null, body);
    }

    @Override
    boolean isSend() {
        return false;
    }

    @Override
    void record(Object value, boolean ok) {
        throw new IllegalStateException("a default case is never performed on a channel");
    }

    @Override
    public String toString() {
        return "default";
    }
}
