package io.jgo;

/** {@code panic: close of nil channel}: {@link Chan#nil()} cannot be closed. */
public final class CloseOfNilChannelException extends ChannelPanicException {
    private static final long serialVersionUID = 1L;

    public CloseOfNilChannelException() {
        super("close of nil channel");
    }
}
