package dev.conduit.api;

/** The connection handle, its factory or the adapter is closed; get a new connection. */
public class ConnectionClosedException extends EventStreamException {

    private static final long serialVersionUID = 1L;

    public ConnectionClosedException(String message) {
        super(message);
    }

    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
