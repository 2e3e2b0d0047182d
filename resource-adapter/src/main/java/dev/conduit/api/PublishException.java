package dev.conduit.api;

/** The broker did not accept a message; the cause says why. */
public class PublishException extends EventStreamException {

    private static final long serialVersionUID = 1L;

    public PublishException(String message) {
        super(message);
    }

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
