package dev.conduit.inbound;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.conduit.api.EventListener;
import dev.conduit.metrics.ConsumeMetrics;

/**
 * Delivers one event to a listener with the activation's failure strategy: retry with exponential back-off up to
 * {@code maxAttempts}, then dead-letter. Never drops an event: if even the dead-letter topic cannot be written,
 * it keeps trying until the activation stops, and then reports {@link DeliveryOutcome#STOPPED} so the event is
 * not acknowledged.
 */
public final class EndpointDelivery {

    private static final Logger LOG = Logger.getLogger(EndpointDelivery.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final boolean envelopesOnly;
    private final DeadLetterSink deadLetters;
    private final ConsumeMetrics metrics;
    private final StopSignal stop;

    public EndpointDelivery(int maxAttempts, Duration initialBackoff, boolean envelopesOnly,
                            DeadLetterSink deadLetters, ConsumeMetrics metrics, StopSignal stop) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.envelopesOnly = envelopesOnly;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.stop = stop;
    }

    public DeliveryOutcome deliver(EventListener listener, ConsumedEvent event) {
        if (envelopesOnly && !event.isEnvelope()) {
            return deadLetter(event, "not an envelope (delivery=envelope): header 'eventType' is missing");
        }
        Throwable lastFailure = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1 && stop.awaitFor(backoff(attempt - 1))) {
                return DeliveryOutcome.STOPPED;
            }
            try {
                listener.onEvent(event.withAttempt(attempt));
                metrics.consumed();
                return DeliveryOutcome.DELIVERED;
            } catch (Exception | LinkageError | AssertionError e) {
                lastFailure = e;
                metrics.failedAttempt();
                Level level = attempt < maxAttempts ? Level.FINE : Level.WARNING;
                int failed = attempt;
                LOG.log(level, e, () -> "Conduit: listener failed on " + event + " (attempt " + failed + " of "
                        + maxAttempts + ")");
            }
        }
        return deadLetter(event, "listener failed " + maxAttempts + " times; last failure: " + describe(lastFailure));
    }

    /**
     * One delivery attempt, for transports that redeliver by themselves: never waits for a back-off. Returns
     * {@link DeliveryOutcome#RETRY_LATER} on failure until the event's {@code deliveryAttempt} reaches
     * {@code maxAttempts}; then the event is dead-lettered.
     */
    public DeliveryOutcome attemptOnce(EventListener listener, ConsumedEvent event) {
        if (envelopesOnly && !event.isEnvelope()) {
            return deadLetter(event, "not an envelope (delivery=envelope): header 'eventType' is missing");
        }
        try {
            listener.onEvent(event);
            metrics.consumed();
            return DeliveryOutcome.DELIVERED;
        } catch (Exception | LinkageError | AssertionError e) {
            metrics.failedAttempt();
            if (event.deliveryAttempt() < maxAttempts) {
                LOG.log(Level.FINE, e, () -> "Conduit: listener failed on " + event + "; redelivery follows");
                return DeliveryOutcome.RETRY_LATER;
            }
            LOG.log(Level.WARNING, e, () -> "Conduit: listener failed on " + event + " (last attempt)");
            return deadLetter(event, "listener failed " + maxAttempts + " times; last failure: " + describe(e));
        }
    }

    /** The pause before redelivering an event that failed {@code attempt} times. */
    public Duration retryDelay(int attempt) {
        return backoff(Math.max(1, attempt));
    }

    private DeliveryOutcome deadLetter(ConsumedEvent event, String reason) {
        int attempt = 0;
        while (true) {
            try {
                deadLetters.send(event, reason);
                metrics.deadLettered();
                LOG.warning(() -> "Conduit: sent " + event + " to the dead-letter topic: " + reason);
                return DeliveryOutcome.DEAD_LETTERED;
            } catch (Exception e) {
                attempt++;
                LOG.log(Level.SEVERE, "Conduit: could not write " + event + " to the dead-letter topic; it stays "
                        + "unacknowledged and is retried", e);
                if (stop.awaitFor(backoff(attempt))) {
                    return DeliveryOutcome.STOPPED;
                }
            }
        }
    }

    private Duration backoff(int retry) {
        long millis = initialBackoff.toMillis() << Math.min(retry - 1, 20);
        return millis > MAX_BACKOFF.toMillis() || millis < 0 ? MAX_BACKOFF : Duration.ofMillis(millis);
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getName() + (message == null ? "" : ": " + truncate(message));
    }

    private static String truncate(String message) {
        return message.length() <= 500 ? message : message.substring(0, 500) + "...";
    }
}
