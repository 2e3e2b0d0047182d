package dev.conduit.testsupport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;

/**
 * A listener that checks the ordering contract as events arrive: per aggregate at most one event in the listener,
 * sequence numbers (header {@code seq}) in publish order, duplicates only on redelivery. It can fail a share of
 * first attempts to exercise retries.
 */
public final class OrderChecker implements EventListener {

    private final double failureRate;
    private final Map<String, AtomicInteger> inListener = new ConcurrentHashMap<>();
    private final Map<String, Integer> lastSequence = new ConcurrentHashMap<>();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder concurrentViolations = new LongAdder();
    private final LongAdder orderViolations = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder unexplainedDuplicates = new LongAdder();
    private final LongAdder injectedFailures = new LongAdder();

    public OrderChecker(double failureRate) {
        this.failureRate = failureRate;
    }

    @Override
    public void onEvent(IncomingEvent event) {
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
            Integer last = lastSequence.get(aggregate);
            int expected = last == null ? 0 : last + 1;
            if (sequence == expected) {
                lastSequence.put(aggregate, sequence);
                delivered.increment();
            } else if (last != null && sequence <= last) {
                duplicates.increment();
                if (event.deliveryAttempt() == 1) {
                    unexplainedDuplicates.increment();
                }
            } else {
                orderViolations.increment();
            }
        } finally {
            running.decrementAndGet();
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
                + injectedFailures.sum();
    }

    public long concurrentViolations() {
        return concurrentViolations.sum();
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
