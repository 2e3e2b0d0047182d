package dev.conduit.api;

/** Base of the adapter's errors; messages say what went wrong and what to change. */
public class EventStreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EventStreamException(String message) {
        super(message);
    }

    public EventStreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
