package io.jgo;

/**
 * {@code case ch <- v:} in a select. The value is given at creation; {@link #set(Object)} changes
 * it, for a case reused across loop iterations. If the channel is closed when the select picks
 * this case (or while the select is blocked), the select throws
 * {@link SendOnClosedChannelException}, as Go panics.
 *
 * @param <T> the element type
 */
public final class SendCase<T> extends Case {

    SendCase(Chan<T> chan, T value) {
        this(chan, value, null);
    }

    SendCase(Chan<T> chan, T value, GoRunnable body) {
        super(chan, body);
        this.elem = value;
    }

    /** Sets the value the next select with this case sends; returns this case. */
    public SendCase<T> set(T value) {
        if (sel != null) {
            throw new IllegalStateException("cannot change a send case while a select waits with it");
        }
        this.elem = value;
        return this;
    }

    /** The value this case sends. */
    @SuppressWarnings("unchecked")
    public T value() {
        return (T) elem;
    }

    /** The channel this case sends on. */
    @SuppressWarnings("unchecked")
    public SendChan<T> channel() {
        return (SendChan<T>) chan;
    }

    @Override
    boolean isSend() {
        return true;
    }

    @Override
    void record(Object value, boolean ok) {
        // nothing to record: failure (closed channel) is reported by the select itself
    }

    @Override
    public String toString() {
        return "case " + chan + " <- v";
    }
}
