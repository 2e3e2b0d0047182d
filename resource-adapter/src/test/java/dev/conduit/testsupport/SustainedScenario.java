package dev.conduit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

import dev.conduit.adapter.ConduitResourceAdapter;
import dev.conduit.api.Envelope;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.outbound.ConduitManagedConnectionFactory;

/**
 * The shape users run, the same for every transport: one MDB reading several topics with thousands of aggregates,
 * fed by a publisher that keeps publishing while the MDB consumes, a listener that is now and then slow or
 * failing, and optionally a fault (a frozen broker) in the middle of it. Counts what matters: publishes reported
 * as failed, events lost, duplicated, out of order or in the listener twice at once per aggregate.
 */
public final class SustainedScenario {

    /** How much load, over how many topics and aggregates, consumed with how many delivery threads. */
    public record Shape(int topics, int aggregatesPerTopic, int events, int eventsPerSecond, int concurrency) {
    }

    /** The shape: 5 topics x 1,000 aggregates, 100,000 envelopes over 10 s, concurrency 8. */
    public static final Shape USERS = new Shape(5, 1_000, 100_000, 10_000, 8);

    /** Runs beside the publisher, e.g. freezing the broker now and then. */
    @FunctionalInterface
    public interface Fault {
        void inject() throws Exception;
    }

    /** A broker process that can be frozen (SIGSTOP, then SIGCONT after the given time). */
    @FunctionalInterface
    public interface Freezable {
        void freeze(Duration duration) throws InterruptedException;
    }

    /** The pauses of GC and busy hosts: 6 freezes of 400 ms a second apart, then one of 3 s. */
    public static Fault pauses(Freezable broker) {
        return () -> {
            for (int i = 0; i < 6; i++) {
                Thread.sleep(600);
                broker.freeze(Duration.ofMillis(400));
            }
            Thread.sleep(1_000);
            broker.freeze(Duration.ofSeconds(3));
        };
    }

    public static final String PAUSES = "broker frozen 6 x 400 ms then 3 s";

    /** A pooled connection factory of {@code adapter}, as the container would create it; no servers: none set. */
    public static EventStreamConnectionFactory factory(ConduitResourceAdapter adapter, String transport,
                                                       String servers) throws Exception {
        ConduitManagedConnectionFactory mcf = new ConduitManagedConnectionFactory();
        mcf.setTransport(transport);
        mcf.setServers(servers);
        mcf.setResourceAdapter(adapter);
        return (EventStreamConnectionFactory) mcf.createConnectionFactory();
    }

    /** A connection factory on {@code broker}. */
    public static EventStreamConnectionFactory factory(ConduitResourceAdapter adapter, TestBroker broker)
            throws Exception {
        return factory(adapter, broker.transport(), broker.servers());
    }

    /** An MDB's activation on {@code broker}. */
    public static ConduitActivationSpec spec(TestBroker broker, String group) {
        return spec(broker.transport(), broker.servers(), group);
    }

    /** Pauses the broker as {@link #pauses} does, where it can be paused; else no fault. */
    public static Fault pausesIfPossible(TestBroker broker) {
        return broker.canFreeze() ? pauses(broker::freeze) : () -> { };
    }

    /** An MDB's activation on {@code servers}; topics and concurrency are the scenario's. */
    public static ConduitActivationSpec spec(String transport, String servers, String group) {
        ConduitActivationSpec spec = new ConduitActivationSpec();
        spec.setTransport(transport);
        spec.setServers(servers);
        spec.setGroupId(group);
        spec.setRetryBackoffMs("10");
        return spec;
    }

    /** The users' listener: slow (50 ms) on 0.1 % and failing on 0.2 % of first attempts. */
    public static OrderChecker usersListener() {
        return new OrderChecker(0.002, 0.001, Duration.ofMillis(50));
    }

    private static final Duration CONSUME_DEADLINE = Duration.ofMinutes(3);

    private final Shape shape;
    private final String prefix;
    private boolean replaysExpected;
    private boolean batches;
    private boolean retrying;
    private final LongAdder publishRetries = new LongAdder();

    public SustainedScenario(Shape shape, String topicPrefix) {
        this.shape = shape;
        this.prefix = topicPrefix;
    }

    /**
     * A broker that crashes forgets acknowledgements it had not yet written down, and a Kafka partition that moves
     * to another group member is read again from its commit watermark: either way events are delivered again as
     * first deliveries, duplicates that look unexplained to the listener. They are counted, not failed; order and
     * losses are still checked.
     */
    public SustainedScenario expectingReplays() {
        this.replaysExpected = true;
        return this;
    }

    /**
     * The publisher behaves as an application that must not lose an event when a broker fails over: each
     * aggregate's next event is published once the previous one was acknowledged, and a failed publish is retried
     * with the same envelope (same event id, so a broker that de-duplicates stores it once) until acknowledged.
     * Publish failures are then retries, counted in {@link #publishRetries()}, not failures.
     */
    public SustainedScenario retryingUntilAcknowledged() {
        this.retrying = true;
        return this;
    }

    public long publishRetries() {
        return publishRetries.sum();
    }

    /** The MDB implements {@code BatchEventListener}: the checker receives batches. */
    public SustainedScenario withBatchListener() {
        this.batches = true;
        return this;
    }

    public List<String> topics() {
        List<String> topics = new ArrayList<>();
        for (int t = 0; t < shape.topics(); t++) {
            topics.add(prefix + "-" + t);
        }
        return topics;
    }

    /**
     * Activates {@code spec} on all topics, publishes the events at a steady rate while the activation consumes
     * and {@code fault} runs, waits until everything published was delivered (or the deadline passed), deactivates
     * and asserts: no publish failure, nothing lost, no order violation, no concurrent delivery of one aggregate, no
     * duplicate that was not a redelivery.
     */
    public void runAndCheck(ConduitResourceAdapter adapter, EventStreamConnectionFactory factory,
                            ConduitActivationSpec spec, OrderChecker checker, Fault fault, String label)
            throws Exception {
        run(false, adapter, factory, spec, checker, fault, label);
    }

    /**
     * Publishes every event first, then activates and lets {@code fault} run while the backlog is consumed (a
     * restart in the middle of delivery); checks the same as {@link #runAndCheck}.
     */
    public void backlogThenConsume(ConduitResourceAdapter adapter, EventStreamConnectionFactory factory,
                                   ConduitActivationSpec spec, OrderChecker checker, Fault fault, String label)
            throws Exception {
        run(true, adapter, factory, spec, checker, fault, label);
    }

    private void run(boolean backlogFirst, ConduitResourceAdapter adapter, EventStreamConnectionFactory factory,
                     ConduitActivationSpec spec, OrderChecker checker, Fault fault, String label)
            throws Exception {
        List<String> topics = topics();
        spec.setTopics(String.join(",", topics));
        spec.setConcurrency(Integer.toString(shape.concurrency()));
        TestEndpointFactory endpoints = batches ? TestEndpointFactory.forBatches(checker)
                : new TestEndpointFactory(checker);
        LongAdder publishFailures = new LongAdder();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Thread faults = new Thread(() -> {
            try {
                fault.inject();
            } catch (Exception e) {
                failures.add(e);
            }
        }, "scenario-fault");
        long start = System.nanoTime();
        double publishSeconds;
        try (EventStreamConnection connection = factory.getConnection()) {
            // The first event of each topic, synchronously: topics and streams exist before the MDB subscribes.
            for (int i = 0; i < topics.size(); i++) {
                connection.publishEnvelope(topics.get(i), envelope(i));
            }
            if (!backlogFirst) {
                adapter.endpointActivation(endpoints, spec);
                start = System.nanoTime();
                faults.start();
            }
            List<CompletableFuture<?>> acks = new ArrayList<>(shape.events());
            Map<String, CompletableFuture<?>> lastOfAggregate = new HashMap<>();
            long paceStart = System.nanoTime();
            for (int i = topics.size(); i < shape.events(); i++) {
                if (!backlogFirst) {
                    pace(paceStart, i - topics.size());
                }
                if (retrying) {
                    String topic = topics.get(i % topics.size());
                    Envelope envelope = envelope(i);
                    CompletableFuture<?> next = lastOfAggregate.getOrDefault(envelope.aggregateId(),
                            CompletableFuture.completedFuture(null))
                            .thenCompose(previous -> untilAcknowledged(connection, topic, envelope, 1))
                            .whenComplete((result, failure) -> {
                                if (failure != null) {
                                    publishFailures.increment();
                                    failures.add(failure);
                                }
                            });
                    lastOfAggregate.put(envelope.aggregateId(), next);
                    acks.add(next);
                    continue;
                }
                acks.add(connection.publishEnvelopeAsync(topics.get(i % topics.size()), envelope(i))
                        .toCompletableFuture().whenComplete((result, failure) -> {
                            if (failure != null) {
                                publishFailures.increment();
                                if (failures.size() < 5) {
                                    failures.add(failure);
                                }
                            }
                        }));
            }
            publishSeconds = (System.nanoTime() - paceStart) / 1e9;
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).handle((r, f) -> null).join();
        }
        if (backlogFirst) {
            adapter.endpointActivation(endpoints, spec);
            start = System.nanoTime();
            faults.start();
        }
        Await.within(() -> checker.delivered() >= shape.events(), CONSUME_DEADLINE);
        double seconds = (System.nanoTime() - start) / 1e9;
        faults.join();
        adapter.endpointDeactivation(endpoints, spec);
        long lost = shape.events() - checker.delivered();
        System.out.printf("SUSTAINED %s: %d events over %d topics x %d aggregates, published in %.1f s, "
                        + "all consumed %.1f s after activation; publishFailures=%d publishRetries=%d lost=%d %s%n",
                label, shape.events(), shape.topics(), shape.aggregatesPerTopic(), publishSeconds, seconds,
                publishFailures.sum(), publishRetries.sum(), lost, checker.summary());

        assertThat(failures).as("publish failures and fault errors (every publish was stored)").isEmpty();
        assertThat(publishFailures.sum()).isZero();
        assertThat(lost).as(checker.summary()).isZero();
        assertThat(checker.orderViolations()).as(checker.summary()).isZero();
        assertThat(checker.concurrentViolations()).as(checker.summary()).isZero();
        if (!replaysExpected) {
            assertThat(checker.unexplainedDuplicates()).as(checker.summary()).isZero();
        }
    }

    /** Publishes until acknowledged, up to 20 attempts, each a retry of the same envelope. */
    private CompletableFuture<Object> untilAcknowledged(EventStreamConnection connection, String topic,
                                                        Envelope envelope, int attempt) {
        CompletableFuture<Object> sent;
        try {
            sent = connection.publishEnvelopeAsync(topic, envelope).toCompletableFuture().thenApply(r -> r);
        } catch (RuntimeException refused) {
            sent = CompletableFuture.failedFuture(refused);
        }
        return sent.handle((result, failure) -> {
            if (failure == null || attempt >= 20) {
                return failure == null ? CompletableFuture.completedFuture(result)
                        : CompletableFuture.failedFuture(failure);
            }
            publishRetries.increment();
            return untilAcknowledged(connection, topic, envelope, attempt + 1);
        }).thenCompose(next -> next);
    }

    /** Event {@code i}: topic {@code i % topics}, then aggregates round-robin, each with its own sequence. */
    private Envelope envelope(int i) {
        int topic = i % shape.topics();
        int inTopic = i / shape.topics();
        int aggregate = inTopic % shape.aggregatesPerTopic();
        int sequence = inTopic / shape.aggregatesPerTopic();
        return Envelope.builder("Step").aggregateId(prefix + "-" + topic + "-agg-" + aggregate)
                .header("seq", Integer.toString(sequence)).payload(new byte[64]).build();
    }

    /** Keeps the publisher at the shape's rate: a steady stream, not a burst. */
    private void pace(long startNanos, int published) throws InterruptedException {
        long due = startNanos + (long) (published * 1e9 / shape.eventsPerSecond());
        long ahead = due - System.nanoTime();
        if (ahead > 1_000_000) {
            Thread.sleep(ahead / 1_000_000);
        }
    }
}
