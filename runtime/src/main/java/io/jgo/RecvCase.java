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

    /** The body that takes the received value, or the value and ok; null for none. */
    private final GoConsumer<T> valueBody;
    private final GoBiConsumer<T, Boolean> okBody;

    RecvCase(Chan<T> chan) {
        this(chan, null, null, null);
    }

    RecvCase(Chan<T> chan, GoRunnable body, GoConsumer<T> valueBody, GoBiConsumer<T, Boolean> okBody) {
        super(chan, body);
        this.valueBody = valueBody;
        this.okBody = okBody;
    }

    @Override
    boolean hasBody() {
        return super.hasBody() || valueBody != null || okBody != null;
    }

    @Override
    void runBody() throws Exception {
        if (valueBody != null) {
            valueBody.accept(value());
        } else if (okBody != null) {
            okBody.accept(value(), ok);
        } else {
            super.runBody();
        }
    }

    @Override
    Object runBody(io.jgo.runtime.Frame<?> frame) throws Throwable {
        if (valueBody != null) {
            return valueBody.accept(value(), frame);
        }
        if (okBody != null) {
            return okBody.accept(value(), ok, frame);
        }
        return super.runBody(frame);
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
