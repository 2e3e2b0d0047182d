package dev.conduit.transport.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.conduit.adapter.ConduitResourceAdapter;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.api.Envelope;
import dev.conduit.brokers.TcpProxy;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.outbound.ConduitManagedConnectionFactory;
import dev.conduit.testsupport.Await;
import dev.conduit.testsupport.OrderChecker;
import dev.conduit.testsupport.RealNatsAdapterTest;
import dev.conduit.testsupport.SustainedScenario;
import dev.conduit.testsupport.TestBootstrapContext;
import dev.conduit.testsupport.TestEndpointFactory;

/**
 * Two application servers (two resource adapters, each activation on its own NATS connection) consume one group of
 * partitioned topics at the same time: 3 topics x 500 aggregates, 8 partitions each, 30,000 envelopes published at
 * 5,000/s while both consume with concurrency 4. One checker sees every delivery of both, so order per aggregate is
 * checked across the hand-over.
 */
class NatsPartitionedGroupTest extends RealNatsAdapterTest {

    private static final int TOPICS = 3;
    private static final int AGGREGATES = 500;
    private static final int EVENTS = 30_000;
    private static final int RATE = 5_000;

    private ConduitResourceAdapter secondServer;

    @BeforeEach
    void startSecondServer() throws Exception {
        secondServer = new ConduitResourceAdapter();
        secondServer.start(new TestBootstrapContext());
    }

    @AfterEach
    void stopSecondServer() {
        secondServer.stop();
    }

    /**
     * Server A's connection is cut for good mid-stream (a crash: nothing acknowledged, handed back or released
     * after that). B takes over A's partitions once A's leases expire, and gets what A left unacknowledged before
     * anything newer of those aggregates.
     */
    @Test
    void theSurvivorTakesOverACrashedServersPartitionsWithEveryAggregateInOrder() throws Exception {
        try (TcpProxy networkOfA = TcpProxy.to(nats.port())) {
            HandOver crash = handOverMidStream("crash", "nats://127.0.0.1:" + networkOfA.port(),
                    "A killed (connection cut)", (a, specA) -> networkOfA.close());
            assertThat(crash.byB().sum()).as("B delivered A's partitions after the crash").isGreaterThan(EVENTS / 2);
            assertThat(crash.checker().unexplainedDuplicates()).as(crash.checker().summary()).isZero();
        }
    }

    /** Server A is undeployed mid-stream: it hands everything back in order and releases its partitions. */
    @Test
    void aGracefulUndeployHandsOverWithoutRedeliveries() throws Exception {
        HandOver graceful = handOverMidStream("graceful", nats.url(), "A undeployed",
                (a, specA) -> adapter.endpointDeactivation(a, specA));
        assertThat(graceful.checker().duplicates()).as("redeliveries: " + graceful.checker().summary()).isZero();
    }

    /** What happens to server A once both servers delivered 3,000 events. */
    @FunctionalInterface
    private interface Fault {
        void strike(TestEndpointFactory a, ConduitActivationSpec specA) throws Exception;
    }

    private record HandOver(OrderChecker checker, LongAdder byA, LongAdder byB) {
    }

    /**
     * A and B consume the stream; once each delivered 3,000, {@code fault} strikes A; every event must then arrive
     * (A's partitions move to B), nothing lost, every aggregate in order.
     */
    private HandOver handOverMidStream(String prefix, String serversOfA, String fault, Fault strike)
            throws Exception {
        OrderChecker checker = new OrderChecker(0, 0.01, Duration.ofMillis(5));
        LongAdder byA = new LongAdder();
        LongAdder byB = new LongAdder();
        ConduitActivationSpec specA = spec(serversOfA, prefix);
        ConduitActivationSpec specB = spec(nats.url(), prefix);
        TestEndpointFactory a = counting(checker, byA);
        TestEndpointFactory b = counting(checker, byB);
        long[] before = new long[2];
        Run run = publishWhile(prefix, () -> {
            adapter.endpointActivation(a, specA);
            secondServer.endpointActivation(b, specB);
        }, () -> {
            Await.until(() -> byA.sum() >= 3_000 && byB.sum() >= 3_000, "3,000 deliveries each by A and B");
            before[0] = byA.sum();
            before[1] = byB.sum();
            strike.strike(a, specA);
        });
        Await.until(() -> checker.delivered() >= EVENTS, Duration.ofMinutes(2), "every event after: " + fault);
        double seconds = run.secondsSinceStart();
        secondServer.endpointDeactivation(b, specB);
        // Undeploying an activation already undeployed by the fault does nothing.
        adapter.endpointDeactivation(a, specA);
        report(fault + " after " + before[0] + " by A / " + before[1] + " by B", run, seconds, checker, byA, byB);
        assertThat(before[0]).as("A delivered before: " + fault).isPositive();
        assertThat(before[1]).as("B delivered before: " + fault).isPositive();
        assertCorrect(run, checker);
        return new HandOver(checker, byA, byB);
    }

    private static ConduitActivationSpec spec(String servers, String prefix) {
        ConduitActivationSpec spec = SustainedScenario.spec("nats", servers, prefix + "-group");
        List<String> topics = new ArrayList<>();
        for (int t = 0; t < TOPICS; t++) {
            topics.add(prefix + "-" + t);
        }
        spec.setTopics(String.join(",", topics));
        spec.setConcurrency("4");
        spec.setAckWaitMs("3000");
        spec.setPartitionLeaseMs("4000");
        spec.setReconnectWaitMs("100");
        return spec;
    }

    private static TestEndpointFactory counting(OrderChecker checker, LongAdder count) {
        return new TestEndpointFactory(event -> {
            checker.onEvent(event);
            count.increment();
        });
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** What the publisher saw. */
    private record Run(long startNanos, double publishSeconds, long publishFailures, List<Throwable> failures) {
        double secondsSinceStart() {
            return (System.nanoTime() - startNanos) / 1e9;
        }
    }

    /**
     * Creates the partitioned streams (the publisher's topicConfig says partitions=8), runs {@code start}, then
     * publishes EVENTS at RATE while {@code fault} runs beside it; returns once every publish was acknowledged and
     * the fault ended.
     */
    private Run publishWhile(String prefix, Step start, Step fault) throws Exception {
        ConduitManagedConnectionFactory mcf = new ConduitManagedConnectionFactory();
        mcf.setTransport("nats");
        mcf.setServers(nats.url());
        mcf.setTopicConfig("*:partitions=8");
        mcf.setResourceAdapter(adapter);
        EventStreamConnectionFactory factory = (EventStreamConnectionFactory) mcf.createConnectionFactory();
        LongAdder publishFailures = new LongAdder();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        long startNanos;
        double publishSeconds;
        try (EventStreamConnection connection = factory.getConnection()) {
            for (int t = 0; t < TOPICS; t++) {
                connection.publishEnvelope(prefix + "-" + t, envelope(prefix, t));
            }
            start.run();
            startNanos = System.nanoTime();
            Thread faults = new Thread(() -> {
                try {
                    fault.run();
                } catch (Exception | AssertionError e) {
                    failures.add(e);
                }
            }, "partitioned-fault");
            faults.start();
            List<CompletableFuture<?>> acks = new ArrayList<>(EVENTS);
            for (int i = TOPICS; i < EVENTS; i++) {
                long due = startNanos + (long) ((i - TOPICS) * 1e9 / RATE);
                long ahead = due - System.nanoTime();
                if (ahead > 1_000_000) {
                    // Pacing the publisher, not waiting for anything to happen.
                    Thread.sleep(ahead / 1_000_000);
                }
                acks.add(connection.publishEnvelopeAsync(prefix + "-" + (i % TOPICS), envelope(prefix, i))
                        .toCompletableFuture().whenComplete((result, failure) -> {
                            if (failure != null) {
                                publishFailures.increment();
                                failures.add(failure);
                            }
                        }));
            }
            publishSeconds = (System.nanoTime() - startNanos) / 1e9;
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).handle((r, f) -> null).join();
            faults.join();
        }
        return new Run(startNanos, publishSeconds, publishFailures.sum(), List.copyOf(failures));
    }

    /** Event i: topic i % TOPICS, aggregates round-robin within it, each with its own sequence from 0. */
    private static Envelope envelope(String prefix, int i) {
        int topic = i % TOPICS;
        int inTopic = i / TOPICS;
        return Envelope.builder("Step").aggregateId(prefix + "-" + topic + "-agg-" + (inTopic % AGGREGATES))
                .header("seq", Integer.toString(inTopic / AGGREGATES)).payload(new byte[64]).build();
    }

    private static void report(String what, Run run, double seconds, OrderChecker checker, LongAdder byA,
                               LongAdder byB) {
        System.out.printf("SUSTAINED nats partitioned group, %s: %d events over %d topics x %d aggregates, 8 "
                        + "partitions, 2 servers x concurrency 4, published in %.1f s, all consumed %.1f s after "
                        + "start; delivered by A=%d B=%d; publishFailures=%d lost=%d %s%n", what, EVENTS, TOPICS,
                AGGREGATES, run.publishSeconds(), seconds, byA.sum(), byB.sum(), run.publishFailures(),
                EVENTS - checker.delivered(), checker.summary());
    }

    private static void assertCorrect(Run run, OrderChecker checker) {
        assertThat(run.failures()).as("publish failures and fault errors").isEmpty();
        assertThat(checker.delivered()).as("lost: " + checker.summary()).isEqualTo(EVENTS);
        assertThat(checker.orderViolations()).as(checker.summary()).isZero();
        assertThat(checker.concurrentViolations()).as(checker.summary()).isZero();
    }
}
