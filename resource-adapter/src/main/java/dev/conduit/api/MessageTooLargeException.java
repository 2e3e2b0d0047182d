package dev.conduit.api;

/** The message is larger than the configured maximum; nothing was sent. */
public class MessageTooLargeException extends EventStreamException {

    private static final long serialVersionUID = 1L;

    public MessageTooLargeException(String message) {
        super(message);
    }

    public MessageTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
