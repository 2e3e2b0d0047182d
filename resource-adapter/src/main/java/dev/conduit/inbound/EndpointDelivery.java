package dev.conduit.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.conduit.api.BatchEventListener;
import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;
import dev.conduit.metrics.ConsumeMetrics;

/**
 * Delivers one event (or a batch) to a listener: retries with exponential back-off up to {@code maxAttempts}, then
 * hands the event to the activation's {@link FailureStrategy}. A stop during a back-off, or a listener giving the
 * event back ({@link DeliveryAbandonedException}), ends the retries with {@link DeliveryOutcome#STOPPED}, leaving
 * the event uncommitted.
 */
public final class EndpointDelivery {

    private static final Logger LOG = Logger.getLogger(EndpointDelivery.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final String NOT_AN_ENVELOPE = "not an envelope (delivery=envelope): header 'eventType' is missing";

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final boolean envelopesOnly;
    private final FailureStrategy failures;
    private final ConsumeMetrics metrics;
    private final StopSignal stop;

    public EndpointDelivery(int maxAttempts, Duration initialBackoff, boolean envelopesOnly,
                            FailureStrategy failures, ConsumeMetrics metrics, StopSignal stop) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.envelopesOnly = envelopesOnly;
        this.failures = failures;
        this.metrics = metrics;
        this.stop = stop;
    }

    /**
     * Delivers with retries. The event's own {@code deliveryAttempt} is where counting starts (a NATS redelivery
     * arrives with the server's delivery count), and there is always at least one attempt.
     *
     * @param beforeRetry run before each retry (keeps the broker from reassigning the event meanwhile)
     */
    public DeliveryOutcome deliver(EventListener listener, ConsumedEvent event, Runnable beforeRetry) {
        if (stop.isRaised()) {
            // Stopping or failed: an earlier event of this aggregate may have been handed back, so none after it
            // may reach the listener now.
            return DeliveryOutcome.STOPPED;
        }
        if (envelopesOnly && !event.isEnvelope()) {
            return failures.handle(event, NOT_AN_ENVELOPE);
        }
        int first = Math.max(1, event.deliveryAttempt());
        Attempts tried = attempts(first, beforeRetry, attempt -> {
            listener.onEvent(event.withAttempt(attempt));
            metrics.consumed();
        }, attempt -> "Conduit: listener failed on " + event + " (attempt " + attempt + " of " + maxAttempts + ")",
                true);
        if (tried.outcome() != null) {
            return tried.outcome();
        }
        return failures.handle(event, "listener failed " + tried.lastAttempt() + " times; last failure: "
                + describe(tried.lastFailure()));
    }

    /**
     * Delivers a batch with the same policy: the whole batch is retried with back-off up to {@code maxAttempts};
     * if it still fails it is narrowed down, each event delivered on its own (a batch of one) with its own
     * retries, so only the events that fail alone reach the failure strategy. Events are completed in list order.
     *
     * @param beforeRetry run before each retry of the whole batch
     * @return how many leading events of the list are done (delivered, dead-lettered or ignored); the rest were
     *         not, because the activation stopped or failed
     */
    public int deliverBatch(BatchEventListener listener, List<ConsumedEvent> events, Runnable beforeRetry) {
        if (stop.isRaised()) {
            return 0;
        }
        List<ConsumedEvent> batch = events;
        if (envelopesOnly) {
            batch = new ArrayList<>(events.size());
            for (ConsumedEvent event : events) {
                if (event.isEnvelope()) {
                    batch.add(event);
                } else if (!failures.handle(event, NOT_AN_ENVELOPE).completes()) {
                    return 0;
                }
            }
            if (batch.isEmpty()) {
                return events.size();
            }
        }
        EventListener alone = event -> listener.onEvents(List.of(event));
        if (batch.size() == 1) {
            return deliver(alone, batch.get(0), beforeRetry).completes() ? events.size() : 0;
        }
        int first = 1;
        for (ConsumedEvent event : batch) {
            first = Math.max(first, event.deliveryAttempt());
        }
        List<ConsumedEvent> whole = batch;
        Attempts tried = attempts(first, beforeRetry, attempt -> {
            listener.onEvents(withAttempt(whole, attempt));
            metrics.consumed(whole.size());
        }, attempt -> "Conduit: listener failed on a batch of " + whole.size() + " events (attempt " + attempt
                + " of " + maxAttempts + ")", false);
        if (tried.outcome() == DeliveryOutcome.STOPPED) {
            return 0;
        }
        if (tried.outcome() == DeliveryOutcome.DELIVERED) {
            return events.size();
        }
        LOG.info(() -> "Conduit: a batch of " + events.size() + " events kept failing ("
                + describe(tried.lastFailure()) + "); delivering its events one at a time");
        for (int i = 0; i < batch.size(); i++) {
            if (!deliver(alone, batch.get(i), beforeRetry).completes()) {
                return envelopesOnly ? 0 : i;
            }
        }
        return events.size();
    }

    /** One delivery attempt, numbered from the event's first delivery; throws when the listener failed. */
    @FunctionalInterface
    private interface Attempt {
        void run(int attempt) throws Exception;
    }

    /**
     * How a run of attempts ended: {@code outcome} is DELIVERED or STOPPED, or {@code null} when every attempt up
     * to number {@code lastAttempt} failed, the last with {@code lastFailure}.
     */
    private record Attempts(DeliveryOutcome outcome, int lastAttempt, Throwable lastFailure) {
    }

    /**
     * The retry policy shared by single events and batches: attempts {@code first..max(first, maxAttempts)}, with
     * {@code beforeRetry} and an exponential back-off before each retry; a stop during the back-off ends it.
     */
    private Attempts attempts(int first, Runnable beforeRetry, Attempt attempt,
                              java.util.function.IntFunction<String> failureMessage, boolean warnOnLast) {
        int last = Math.max(first, maxAttempts);
        Throwable lastFailure = null;
        for (int number = first; number <= last; number++) {
            if (number > first) {
                beforeRetry.run();
                if (stop.awaitAnyStopFor(backoff(number - first))) {
                    // The event goes back uncommitted; nothing after it may reach a listener now, so a graceful
                    // stop's drain ends here too.
                    stop.raise();
                    return new Attempts(DeliveryOutcome.STOPPED, number - 1, lastFailure);
                }
            }
            try {
                attempt.run(number);
                return new Attempts(DeliveryOutcome.DELIVERED, number, null);
            } catch (DeliveryAbandonedException e) {
                // Handed back like a cut back-off: nothing after it may be delivered, so delivery stops.
                stop.raise();
                return new Attempts(DeliveryOutcome.STOPPED, number, e);
            } catch (Exception | LinkageError | AssertionError e) {
                lastFailure = e;
                metrics.failedAttempt();
                int failed = number;
                LOG.log(warnOnLast && number == last ? Level.WARNING : Level.FINE, e,
                        () -> failureMessage.apply(failed));
            }
        }
        return new Attempts(null, last, lastFailure);
    }

    private static List<IncomingEvent> withAttempt(List<ConsumedEvent> events, int attempt) {
        List<IncomingEvent> numbered = new ArrayList<>(events.size());
        for (ConsumedEvent event : events) {
            numbered.add(event.deliveryAttempt() == attempt ? event : event.withAttempt(attempt));
        }
        return numbered;
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
