package dev.conduit.inbound;

/**
 * Thrown by a listener that gives an event back without having failed on it, because whatever stands behind the
 * listener went away (a Reactive Messaging channel closing while the event waited for its acknowledgement). The
 * event ends {@link DeliveryOutcome#STOPPED}: not retried, not given to the failure strategy, not completed, so the
 * broker delivers it again. Throw it only once the activation is stopping, as a stopped delivery is never retried.
 */
public final class DeliveryAbandonedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeliveryAbandonedException(String message) {
        super(message, null, false, false);
    }
}
