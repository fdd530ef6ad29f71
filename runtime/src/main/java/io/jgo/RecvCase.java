package io.jgo;

/**
 * {@code case v, ok := <-ch:} in a select. After the select returned this case, {@link #value()}
 * and {@link #ok()} hold what was received; they are overwritten when the case fires again.
 *
 * @param <T> the element type
 */
public final class RecvCase<T> extends Case {
    private Object value;
    private boolean ok;

    RecvCase(Chan<T> chan) {
        super(chan);
    }

    /** The received element; null if the channel was closed (see {@link #ok()}). */
    @SuppressWarnings("unchecked")
    public T value() {
        return (T) value;
    }

    /** True if {@link #value()} was sent; false if the channel is closed and drained. */
    public boolean ok() {
        return ok;
    }

    /** The channel this case receives from. */
    @SuppressWarnings("unchecked")
    public RecvChan<T> channel() {
        return (RecvChan<T>) chan;
    }

    @Override
    boolean isSend() {
        return false;
    }

    @Override
    void record(Object value, boolean ok) {
        this.value = value;
        this.ok = ok;
    }

    @Override
    public String toString() {
        return "case <-" + chan;
    }
}
