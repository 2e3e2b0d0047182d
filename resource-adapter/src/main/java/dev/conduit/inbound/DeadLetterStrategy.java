package dev.conduit.inbound;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.conduit.metrics.ConsumeMetrics;

/**
 * failureStrategy=dead-letter: the event goes to the dead-letter topic, then counts as completed. Never drops it: if
 * the dead-letter topic cannot be written, it keeps trying (with back-off) until the activation stops, and then the
 * event stays uncommitted.
 */
final class DeadLetterStrategy implements FailureStrategy {

    private static final Logger LOG = Logger.getLogger(DeadLetterStrategy.class.getName());
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final DeadLetterSink deadLetters;
    private final ConsumeMetrics metrics;
    private final StopSignal stop;

    DeadLetterStrategy(DeadLetterSink deadLetters, ConsumeMetrics metrics, StopSignal stop) {
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.stop = stop;
    }

    @Override
    public DeliveryOutcome handle(ConsumedEvent event, String reason) {
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                deadLetters.send(event, reason);
                metrics.deadLettered();
                LOG.warning(() -> "Conduit: sent " + event + " to the dead-letter topic: " + reason);
                return DeliveryOutcome.DEAD_LETTERED;
            } catch (Exception e) {
                LOG.log(Level.SEVERE, "Conduit: could not write " + event + " to the dead-letter topic; it stays "
                        + "uncommitted and is retried", e);
                if (stop.awaitFor(pause)) {
                    return DeliveryOutcome.STOPPED;
                }
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }
}
