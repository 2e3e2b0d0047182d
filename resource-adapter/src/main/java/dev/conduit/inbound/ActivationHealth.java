package dev.conduit.inbound;

/**
 * Whether an activation is still consuming. failureStrategy=fail ends it, and so does a source failure that
 * retrying cannot heal (refused credentials, missing permission): the reason is kept for health output and the
 * activation's stop signal is raised, so it stops fetching and leaves what was not completed uncommitted.
 */
public final class ActivationHealth {

    private final StopSignal stop;
    private volatile String failure;

    public ActivationHealth(StopSignal stop) {
        this.stop = stop;
    }

    /** Ends the activation for {@code reason}; the first reason wins. */
    public void fail(String reason) {
        synchronized (this) {
            if (failure == null) {
                failure = reason;
            }
        }
        stop.raise();
    }

    public boolean isFailed() {
        return failure != null;
    }

    /** Why the activation stopped consuming, or {@code null} while it is healthy. */
    public String failure() {
        return failure;
    }
}
