package dev.conduit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.conduit.adapter.ConduitResourceAdapter;
import dev.conduit.api.Envelope;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.api.PublishResult;
import dev.conduit.inbound.ActivationStatus;
import dev.conduit.inbound.ConduitActivationSpec;

/**
 * The ordering contract at scale, the same for every transport: 100,000 envelopes over 1,000 aggregates,
 * consumed with concurrency 16 while a share of first attempts fail.
 */
public final class OrderingScenario {

    public static final int AGGREGATES = 1_000;
    public static final int EVENTS = 100_000;

    private OrderingScenario() {
    }

    /** Publishes aggregate-interleaved envelopes (round-robin over aggregates), each with its sequence number. */
    public static void publish(EventStreamConnectionFactory factory, String topic) {
        List<CompletableFuture<PublishResult>> acks = new ArrayList<>(EVENTS);
        try (EventStreamConnection connection = factory.getConnection()) {
            for (int i = 0; i < EVENTS; i++) {
                int aggregate = i % AGGREGATES;
                Envelope envelope = Envelope.builder("Step").aggregateId("agg-" + aggregate)
                        .header("seq", Integer.toString(i / AGGREGATES)).payload(new byte[16]).build();
                acks.add(connection.publishEnvelopeAsync(topic, envelope).toCompletableFuture());
            }
            acks.forEach(CompletableFuture::join);
        }
    }

    /**
     * Activates, waits for every event, deactivates; checks order, losses and duplicates; returns events/s.
     */
    public static double consumeAndCheck(ConduitResourceAdapter adapter, TestEndpointFactory endpoints,
                                         ConduitActivationSpec spec, OrderChecker checker, String label)
            throws Exception {
        long start = System.nanoTime();
        adapter.endpointActivation(endpoints, spec);
        long[] maxBacklog = {-1};
        List<String> modes = new ArrayList<>();
        // Samples the activation's mode and backlog on every poll while waiting.
        Await.within(() -> {
            for (ActivationStatus status : adapter.activationStatus()) {
                maxBacklog[0] = Math.max(maxBacklog[0], status.backlog());
                if (modes.isEmpty() || !modes.get(modes.size() - 1).equals(status.mode())) {
                    modes.add(status.mode());
                }
            }
            return checker.delivered() >= EVENTS;
        }, Duration.ofMinutes(4));
        double seconds = (System.nanoTime() - start) / 1e9;
        // The backlog is measured periodically: once caught up, the mode must turn NORMAL shortly after.
        Await.within(() -> adapter.activationStatus().get(0).mode().equals("NORMAL"), Duration.ofSeconds(10));
        String finalMode = adapter.activationStatus().get(0).mode();
        adapter.endpointDeactivation(endpoints, spec);
        double rate = checker.delivered() / seconds;
        System.out.printf("ORDERING %s: %s in %.1f s = %.0f events/s; modes %s -> %s, max backlog %d%n", label,
                checker.summary(), seconds, rate, modes, finalMode, maxBacklog[0]);

        assertThat(checker.delivered()).as(checker.summary()).isEqualTo(EVENTS);
        assertThat(checker.concurrentViolations()).as(checker.summary()).isZero();
        assertThat(checker.orderViolations()).as(checker.summary()).isZero();
        assertThat(checker.unexplainedDuplicates()).as(checker.summary()).isZero();
        assertThat(checker.lastSequences()).hasSize(AGGREGATES)
                .allSatisfy((aggregate, last) -> assertThat(last).isEqualTo(EVENTS / AGGREGATES - 1));
        assertThat(modes).as("starts catching up on the backlog").startsWith("CATCH_UP");
        assertThat(finalMode).isEqualTo("NORMAL");
        return rate;
    }

    /** The unordered path over the same events: every event arrives (at least once); returns events/s. */
    public static double consumeUnordered(ConduitResourceAdapter adapter, ConduitActivationSpec spec, String label)
            throws Exception {
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        TestEndpointFactory endpoints = new TestEndpointFactory(event -> seen.add(event.envelope().eventId()));
        long start = System.nanoTime();
        adapter.endpointActivation(endpoints, spec);
        Await.within(() -> seen.size() >= EVENTS, Duration.ofMinutes(4));
        double seconds = (System.nanoTime() - start) / 1e9;
        adapter.endpointDeactivation(endpoints, spec);
        double rate = seen.size() / seconds;
        System.out.printf("ORDERING %s: %d distinct in %.1f s = %.0f events/s%n", label, seen.size(), seconds, rate);
        assertThat(seen).hasSize(EVENTS);
        return rate;
    }
}
