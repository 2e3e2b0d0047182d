package dev.conduit.inbound;

import java.util.logging.Logger;

/**
 * failureStrategy=fail: the activation stops on the event. It is not committed, so the group delivers it again
 * after a redeploy (or to another instance); until then the activation reports itself unhealthy with the reason.
 */
final class FailStrategy implements FailureStrategy {

    private static final Logger LOG = Logger.getLogger(FailStrategy.class.getName());

    private final ActivationHealth health;

    FailStrategy(ActivationHealth health) {
        this.health = health;
    }

    @Override
    public DeliveryOutcome handle(ConsumedEvent event, String reason) {
        String failure = event + ": " + reason;
        LOG.severe(() -> "Conduit: stopping the activation (failureStrategy=fail) on " + failure + "; the event "
                + "stays uncommitted and is delivered again after a redeploy");
        health.fail(failure);
        return DeliveryOutcome.FAILED;
    }
}
