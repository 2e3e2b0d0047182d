package dev.conduit.testsupport;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.conduit.api.BatchEventListener;
import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;

/**
 * A listener (per event or per batch) that checks the ordering contract as events arrive: per aggregate at most one
 * event (or batch) in the listener,
 * sequence numbers (header {@code seq}) in publish order, duplicates only on redelivery. It can fail a share of
 * first attempts to exercise retries.
 */
public final class OrderChecker implements EventListener, BatchEventListener {

    private final double failureRate;
    private final double slowRate;
    private final Duration slowness;
    private final Map<String, AtomicInteger> inListener = new ConcurrentHashMap<>();
    private final Map<String, Integer> lastSequence = new ConcurrentHashMap<>();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder concurrentViolations = new LongAdder();
    private final LongAdder orderViolations = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder unexplainedDuplicates = new LongAdder();
    private final LongAdder injectedFailures = new LongAdder();
    private final LongAdder slowEvents = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final java.util.Queue<String> unexplained = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public OrderChecker(double failureRate) {
        this(failureRate, 0, Duration.ZERO);
    }

    /** Also takes {@code slowness} over a share {@code slowRate} of the events, as a listener calling a slow service does. */
    public OrderChecker(double failureRate, double slowRate, Duration slowness) {
        this.failureRate = failureRate;
        this.slowRate = slowRate;
        this.slowness = slowness;
    }

    @Override
    public void onEvent(IncomingEvent event) throws InterruptedException {
        String aggregate = event.headers().get("aggregateID");
        int sequence = Integer.parseInt(event.headers().get("seq"));
        AtomicInteger running = inListener.computeIfAbsent(aggregate, a -> new AtomicInteger());
        if (running.incrementAndGet() != 1) {
            concurrentViolations.increment();
        }
        try {
            if (event.deliveryAttempt() == 1 && ThreadLocalRandom.current().nextDouble() < failureRate) {
                injectedFailures.increment();
                throw new IllegalStateException("injected failure");
            }
            if (slowRate > 0 && ThreadLocalRandom.current().nextDouble() < slowRate) {
                slowEvents.increment();
                Thread.sleep(slowness.toMillis());
            }
            record(aggregate, sequence, event);
        } finally {
            running.decrementAndGet();
        }
    }

    /**
     * A batch: every aggregate in it must be in no other batch at the same time; its events are checked in list
     * order. An injected failure fails the whole batch before any of it is recorded.
     */
    @Override
    public void onEvents(List<IncomingEvent> events) throws InterruptedException {
        Set<String> aggregates = new HashSet<>();
        for (IncomingEvent event : events) {
            aggregates.add(event.headers().get("aggregateID"));
        }
        batches.increment();
        for (String aggregate : aggregates) {
            if (inListener.computeIfAbsent(aggregate, a -> new AtomicInteger()).incrementAndGet() != 1) {
                concurrentViolations.increment();
            }
        }
        try {
            for (IncomingEvent event : events) {
                if (event.deliveryAttempt() == 1 && ThreadLocalRandom.current().nextDouble() < failureRate) {
                    injectedFailures.increment();
                    throw new IllegalStateException("injected failure of a batch of " + events.size());
                }
            }
            if (slowRate > 0 && ThreadLocalRandom.current().nextDouble() < slowRate) {
                slowEvents.increment();
                Thread.sleep(slowness.toMillis());
            }
            for (IncomingEvent event : events) {
                record(event.headers().get("aggregateID"), Integer.parseInt(event.headers().get("seq")), event);
            }
        } finally {
            for (String aggregate : aggregates) {
                inListener.get(aggregate).decrementAndGet();
            }
        }
    }

    private void record(String aggregate, int sequence, IncomingEvent event) {
        Integer last = lastSequence.get(aggregate);
        int expected = last == null ? 0 : last + 1;
        if (sequence == expected) {
            lastSequence.put(aggregate, sequence);
            delivered.increment();
        } else if (last != null && sequence <= last) {
            duplicates.increment();
            if (event.deliveryAttempt() == 1) {
                unexplainedDuplicates.increment();
                if (unexplained.size() < 5) {
                    unexplained.add(aggregate + "#" + sequence + " " + event + " (last " + last + ")");
                }
            }
        } else {
            orderViolations.increment();
        }
    }

    /** Distinct events delivered in order. */
    public long delivered() {
        return delivered.sum();
    }

    public Map<String, Integer> lastSequences() {
        return lastSequence;
    }

    public String summary() {
        return "delivered=" + delivered.sum() + " concurrentViolations=" + concurrentViolations.sum()
                + " orderViolations=" + orderViolations.sum() + " duplicates=" + duplicates.sum()
                + " unexplainedDuplicates=" + unexplainedDuplicates.sum() + " injectedFailures="
                + injectedFailures.sum() + " slowEvents=" + slowEvents.sum()
                + (batches.sum() == 0 ? "" : " batches=" + batches.sum())
                + (unexplained.isEmpty() ? "" : " unexplained: " + unexplained);
    }

    public long concurrentViolations() {
        return concurrentViolations.sum();
    }

    public long duplicates() {
        return duplicates.sum();
    }

    public long orderViolations() {
        return orderViolations.sum();
    }

    public long unexplainedDuplicates() {
        return unexplainedDuplicates.sum();
    }

    public long injectedFailures() {
        return injectedFailures.sum();
    }
}
