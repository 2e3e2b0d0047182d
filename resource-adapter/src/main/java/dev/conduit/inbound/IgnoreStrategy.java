package dev.conduit.inbound;

import java.util.logging.Logger;

import dev.conduit.metrics.ConsumeMetrics;

/** failureStrategy=ignore: the event is logged and counted, then committed as if it had been delivered. */
final class IgnoreStrategy implements FailureStrategy {

    private static final Logger LOG = Logger.getLogger(IgnoreStrategy.class.getName());

    private final ConsumeMetrics metrics;

    IgnoreStrategy(ConsumeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public DeliveryOutcome handle(ConsumedEvent event, String reason) {
        metrics.ignored();
        LOG.warning(() -> "Conduit: ignored " + event + " (failureStrategy=ignore): " + reason);
        return DeliveryOutcome.IGNORED;
    }
}
