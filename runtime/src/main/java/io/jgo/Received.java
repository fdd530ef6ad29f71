package io.jgo;

/**
 * The result of Go's {@code v, ok := <-ch}: {@code ok} is true when {@code value} was sent by a
 * sender (it may be {@code null}: channels carry nulls), false when the channel is closed and
 * drained, in which case {@code value} is {@code null} (Java has no zero value for a type
 * parameter).
 *
 * @param <T> the element type
 */
public record Received<T>(T value, boolean ok) {
    /** What every receive from a closed, drained channel returns. */
    @SuppressWarnings("rawtypes")
    static final Received CLOSED = new Received<>(null, false);

    /** The result of a receive from a closed, drained channel: {@code (null, false)}. */
    @SuppressWarnings("unchecked")
    public static <T> Received<T> closed() {
        return CLOSED;
    }
}
