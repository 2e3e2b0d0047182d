package dev.conduit.api;

/** Too many publishes were in flight for longer than the publish timeout; nothing was sent. */
public class BackPressureException extends EventStreamException {

    private static final long serialVersionUID = 1L;

    public BackPressureException(String message) {
        super(message);
    }

    public BackPressureException(String message, Throwable cause) {
        super(message, cause);
    }
}
