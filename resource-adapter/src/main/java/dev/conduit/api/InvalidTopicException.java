package dev.conduit.api;

/** The topic name is null, blank or not allowed by the transport. */
public class InvalidTopicException extends EventStreamException {

    private static final long serialVersionUID = 1L;

    public InvalidTopicException(String message) {
        super(message);
    }

    public InvalidTopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
