package io.jgo;

/** {@code panic: close of closed channel}: a channel can be closed once. */
public final class CloseOfClosedChannelException extends ChannelPanicException {
    private static final long serialVersionUID = 1L;

    public CloseOfClosedChannelException() {
        super("close of closed channel");
    }
}
