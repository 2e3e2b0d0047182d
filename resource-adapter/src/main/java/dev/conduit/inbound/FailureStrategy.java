package dev.conduit.inbound;

import dev.conduit.config.InboundOptions.OnFailure;
import dev.conduit.metrics.ConsumeMetrics;

/**
 * What happens to an event the listener kept failing on (or one that is not acceptable, such as a non-envelope
 * with delivery=envelope), chosen per activation with {@code failureStrategy}, as SmallRye's connectors do.
 */
public interface FailureStrategy {

    /**
     * Handles the event; returns {@link DeliveryOutcome#DEAD_LETTERED} or {@link DeliveryOutcome#IGNORED} when it may
     * be committed, {@link DeliveryOutcome#FAILED} or {@link DeliveryOutcome#STOPPED} when it must not be.
     */
    DeliveryOutcome handle(ConsumedEvent event, String reason);

    static FailureStrategy of(OnFailure choice, DeadLetterSink deadLetters, ConsumeMetrics metrics,
                              ActivationHealth health, StopSignal stop) {
        return switch (choice) {
            case DEAD_LETTER -> new DeadLetterStrategy(deadLetters, metrics, stop);
            case IGNORE -> new IgnoreStrategy(metrics);
            case FAIL -> new FailStrategy(health);
        };
    }
}
