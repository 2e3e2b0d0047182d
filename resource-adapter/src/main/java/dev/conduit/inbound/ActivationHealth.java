package dev.conduit.inbound;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Whether an activation is still consuming. failureStrategy=fail ends it, and so does a source failure that
 * retrying cannot heal (refused credentials, missing permission): the reason is kept for health output and the
 * activation's stop signal is raised, so it stops fetching and leaves what was not completed uncommitted.
 */
public final class ActivationHealth {

    private final StopSignal stop;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile String failure;

    public ActivationHealth(StopSignal stop) {
        this.stop = stop;
    }

    /** Ends the activation for {@code reason}; the first reason wins. */
    public void fail(String reason) {
        boolean first;
        synchronized (this) {
            first = failure == null;
            if (first) {
                failure = reason;
            }
        }
        stop.raise();
        if (first) {
            listeners.forEach(listener -> listener.accept(reason));
        }
    }

    /**
     * Tells {@code listener} the reason once the activation fails (at once if it already has), for consumers that
     * no delivery would tell: a Reactive Messaging channel ends its stream with it. It may be told twice.
     */
    public void whenFailed(Consumer<String> listener) {
        listeners.add(listener);
        String reason = failure;
        if (reason != null) {
            listener.accept(reason);
        }
    }

    public boolean isFailed() {
        return failure != null;
    }

    /** Why the activation stopped consuming, or {@code null} while it is healthy. */
    public String failure() {
        return failure;
    }
}
