package io.jgo;

/**
 * A misuse of a channel that Go reports with a panic: the message is Go's own. Subclasses name
 * the rule that was broken.
 */
public abstract class ChannelPanicException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    ChannelPanicException(String goMessage) {
        super(goMessage);
    }
}
