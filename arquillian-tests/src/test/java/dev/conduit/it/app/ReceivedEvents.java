package dev.conduit.it.app;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;

import dev.conduit.api.IncomingEvent;

/** Everything the MDB received, per topic, as "key|payload|attempt" lines. */
@ApplicationScoped
public class ReceivedEvents {

    private final Map<String, Queue<String>> byTopic = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> largestBatch = new ConcurrentHashMap<>();

    void add(IncomingEvent event) {
        String line = event.key() + "|" + new String(event.payload(), StandardCharsets.UTF_8) + "|"
                + (event.isEnvelope() ? event.envelope().eventType() : "-");
        byTopic.computeIfAbsent(event.topic(), t -> new ConcurrentLinkedQueue<>()).add(line);
    }

    /** Throws on the first attempt of about one event in twenty (chosen by event id), counting the failures. */
    void failFirstAttemptOfSome(IncomingEvent event) {
        if (event.deliveryAttempt() == 1 && Math.floorMod(event.envelope().eventId().hashCode(), 20) == 0) {
            failures.computeIfAbsent(event.topic(), t -> new java.util.concurrent.atomic.AtomicInteger())
                    .incrementAndGet();
            throw new IllegalStateException("simulated failure of " + event);
        }
    }

    /** Throws whenever the event's payload is "poison-..."; the adapter must dead-letter it alone. */
    void failPoison(IncomingEvent event) {
        if (new String(event.payload(), StandardCharsets.UTF_8).startsWith("poison")) {
            throw new IllegalArgumentException("cannot handle poison");
        }
    }

    /** Records a batch that the listener completed, and the largest batch size per topic. */
    void batch(java.util.List<IncomingEvent> events) {
        events.forEach(this::add);
        largestBatch.computeIfAbsent(events.get(0).topic(), t -> new java.util.concurrent.atomic.AtomicInteger())
                .accumulateAndGet(events.size(), Math::max);
    }

    int largestBatch(String topic) {
        java.util.concurrent.atomic.AtomicInteger largest = largestBatch.get(topic);
        return largest == null ? 0 : largest.get();
    }

    int failures(String topic) {
        java.util.concurrent.atomic.AtomicInteger count = failures.get(topic);
        return count == null ? 0 : count.get();
    }

    Queue<String> of(String topic) {
        return byTopic.getOrDefault(topic, new ConcurrentLinkedQueue<>());
    }
}
