package io.jgo;

/**
 * {@code panic: send on closed channel}: a value was sent on a closed channel, or the channel was
 * closed while the sender (or a select with a send case on it) was blocked. Only the sender
 * should close a channel, once it has sent everything.
 */
public final class SendOnClosedChannelException extends ChannelPanicException {
    private static final long serialVersionUID = 1L;

    public SendOnClosedChannelException() {
        super("send on closed channel");
    }
}
