package dev.conduit.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.conduit.api.Envelope;
import dev.conduit.api.EventListener;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.api.IncomingEvent;
import dev.conduit.api.PublishResult;
import dev.conduit.inbound.ActivationStatus;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.inbound.DeadLetterSink;
import dev.conduit.testsupport.AdapterTest;
import dev.conduit.testsupport.Await;
import dev.conduit.testsupport.OrderChecker;
import dev.conduit.testsupport.OrderingScenario;
import dev.conduit.testsupport.SustainedScenario;
import dev.conduit.testsupport.TestBroker;
import dev.conduit.testsupport.TestEndpointFactory;

/**
 * The promises every transport keeps, proven by one scenario run against each (Kafka, NATS, in-memory) instead of a
 * copy per transport: order per aggregate under sustained load over several topics while the broker pauses, with
 * per-event and batch listeners; ordering with retries against the unordered path; and the failure strategies
 * (dead-letter, ignore, fail), observed through the adapter itself so the checks are the same everywhere.
 */
class EveryTransportTest extends AdapterTest {

    private static final Map<String, TestBroker> BROKERS = new HashMap<>();

    static List<String> transports() {
        return TestBroker.TRANSPORTS;
    }

    static List<Arguments> transportsAndListeners() {
        return TestBroker.TRANSPORTS.stream()
                .flatMap(transport -> List.of(Arguments.of(transport, false), Arguments.of(transport, true)).stream())
                .toList();
    }

    /** One broker per transport for the whole class, started on first use. */
    private static synchronized TestBroker broker(String transport) {
        return BROKERS.computeIfAbsent(transport, TestBroker::start);
    }

    @AfterAll
    static void stopBrokers() {
        BROKERS.values().forEach(TestBroker::close);
        BROKERS.clear();
    }

    /** 5 topics x 1,000 aggregates, publishing while consuming, a slow and failing listener, a broker that pauses. */
    @ParameterizedTest(name = "{0}, batch listener: {1}")
    @MethodSource("transportsAndListeners")
    void severalTopicsUnderSustainedLoadWhileTheBrokerPauses(String transport, boolean batches) throws Exception {
        TestBroker broker = broker(transport);
        String group = (batches ? "batched" : "sustained") + "-" + transport;
        SustainedScenario scenario = new SustainedScenario(SustainedScenario.USERS, group);
        if (batches) {
            scenario.withBatchListener();
        }
        scenario.runAndCheck(adapter, SustainedScenario.factory(adapter, broker),
                SustainedScenario.spec(broker, group), SustainedScenario.usersListener(),
                SustainedScenario.pausesIfPossible(broker),
                group + (broker.canFreeze() ? ", " + SustainedScenario.PAUSES : ""));
    }

    /** 100,000 envelopes over 1,000 aggregates, 1 % of first attempts failing, then the unordered path. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void orderedPerAggregateWithRetriesAndComparedWithTheUnorderedPath(String transport) throws Exception {
        TestBroker broker = broker(transport);
        String topic = "ordering-" + transport;
        OrderingScenario.publish(factory(broker, topic + ":partitions=8"), topic);

        OrderChecker ordered = new OrderChecker(0.01);
        double orderedRate = OrderingScenario.consumeAndCheck(adapter, new TestEndpointFactory(ordered),
                orderingSpec(broker, topic, "ordered", "aggregate"), ordered, transport + " ordered (1% first "
                        + "attempts fail)");
        assertThat(ordered.injectedFailures()).isPositive();

        double unorderedRate = OrderingScenario.consumeUnordered(adapter,
                orderingSpec(broker, topic, "unordered", "none"), transport + " unordered");
        System.out.printf("ORDERING %s: ordered %.0f events/s vs unordered %.0f events/s (same run)%n",
                transport, orderedRate, unorderedRate);
    }

    /**
     * failureStrategy=dead-letter (the default): the poison goes to '<topic>.DLT' with the reason, read back here by
     * a second MDB on the same transport; its aggregate's later events follow it in order.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aPoisonEventIsDeadLetteredWithItsReasonAndItsAggregateGoesOnInOrder(String transport) throws Exception {
        TestBroker broker = broker(transport);
        String topic = "poison-dlt-" + transport;
        PoisonedMdb mdb = poisonedMdb(broker, topic, "dlt", "dead-letter");
        Queue<Integer> delivered = mdb.delivered();
        Queue<IncomingEvent> deadLetters = new ConcurrentLinkedQueue<>();
        ConduitActivationSpec reader = SustainedScenario.spec(broker, "dlt-reader");
        reader.setTopics(topic + ".DLT");
        TestEndpointFactory dltReader = new TestEndpointFactory(deadLetters::add);
        adapter.endpointActivation(dltReader, reader);

        Await.until(() -> delivered.size() == 9 && deadLetters.size() == 1, "9 deliveries and 1 dead letter");
        mdb.undeploy();
        adapter.endpointDeactivation(dltReader, reader);

        assertThat(delivered).containsExactly(0, 1, 2, 3, 5, 6, 7, 8, 9);
        IncomingEvent deadLetter = deadLetters.peek();
        assertThat(deadLetter.envelope().headers().get("seq")).isEqualTo("4");
        assertThat(deadLetter.headers()).containsEntry(DeadLetterSink.HEADER_TOPIC, topic);
        assertThat(deadLetter.headers().get(DeadLetterSink.HEADER_REASON)).startsWith("listener failed 2 times")
                .contains("poison 4");
    }

    /** failureStrategy=ignore: the poison is counted and committed; a redeployed MDB does not see it again. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void anIgnoredPoisonEventIsCountedAndCommitted(String transport) throws Exception {
        TestBroker broker = broker(transport);
        String topic = "poison-ignore-" + transport;
        PoisonedMdb mdb = poisonedMdb(broker, topic, "ignore", "ignore");
        Await.until(() -> mdb.delivered().size() == 9, "the 9 good events");
        Await.until(() -> status("ignore").ignored() == 1, "the poison counted as ignored");
        assertThat(status("ignore").healthy()).isTrue();
        assertThat(status("ignore").deadLettered()).isZero();
        mdb.undeploy();

        // Redeployed: the next event it sees is one published afterwards, not the ignored poison.
        publish(broker, topic, 10, false);
        Queue<Integer> afterRedeploy = new ConcurrentLinkedQueue<>();
        TestEndpointFactory again = new TestEndpointFactory(event -> afterRedeploy.add(seq(event)));
        ConduitActivationSpec sameGroup = failureSpec(broker, topic, "ignore", "ignore");
        adapter.endpointActivation(again, sameGroup);
        Await.until(() -> !afterRedeploy.isEmpty(), "the event published after the redeploy");
        adapter.endpointDeactivation(again, sameGroup);
        assertThat(afterRedeploy).containsExactly(10);
    }

    /**
     * failureStrategy=fail: the activation stops on the poison and says why; nothing of its aggregate after it is
     * delivered, and the same group redeployed gets the poison again first.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void failStopsOnThePoisonAndTheRedeployedGroupGetsItAgain(String transport) throws Exception {
        TestBroker broker = broker(transport);
        String topic = "poison-fail-" + transport;
        PoisonedMdb mdb = poisonedMdb(broker, topic, "fail", "fail");
        Await.until(() -> !status("fail").healthy(), "the activation reporting its failure");
        assertThat(status("fail").failure()).contains("listener failed 2 times").contains("poison 4");
        mdb.undeploy();
        assertThat(mdb.delivered()).containsExactly(0, 1, 2, 3);

        Queue<Integer> afterRedeploy = new ConcurrentLinkedQueue<>();
        TestEndpointFactory fixed = new TestEndpointFactory(event -> afterRedeploy.add(seq(event)));
        ConduitActivationSpec sameGroup = failureSpec(broker, topic, "fail", "fail");
        adapter.endpointActivation(fixed, sameGroup);
        Await.until(() -> afterRedeploy.contains(9), "the rest of the aggregate after the redeploy");
        adapter.endpointDeactivation(fixed, sameGroup);
        assertThat(afterRedeploy).startsWith(4, 5, 6, 7, 8, 9);
    }

    /**
     * A broker that stops answering (frozen) fails an asynchronous publish at publishTimeoutMs, not later (Kafka's
     * own delivery timeout is 2 minutes), and says the outcome is unknown rather than "not stored".
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void anAcknowledgementThatNeverComesFailsThePublishAtPublishTimeoutMs(String transport) throws Exception {
        TestBroker broker = broker(transport);
        Assumptions.assumeTrue(broker.canFreeze(), "the in-memory transport has no broker to freeze");
        String topic = "unanswered-" + transport;
        EventStreamConnectionFactory factory = factory(broker, topic + ":partitions=1", "2000");
        try (EventStreamConnection connection = factory.getConnection()) {
            connection.publish(topic, "k", "before".getBytes(StandardCharsets.UTF_8));
            CompletableFuture<Void> frozen = CompletableFuture.runAsync(() -> {
                try {
                    broker.freeze(Duration.ofSeconds(6));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Await.until(() -> frozenNow(broker), "the broker frozen");
            long start = System.nanoTime();
            CompletableFuture<PublishResult> ack = connection.publishAsync(topic, "k",
                    "while-frozen".getBytes(StandardCharsets.UTF_8)).toCompletableFuture();
            Throwable failure = ack.handle((result, error) -> error).get(20, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            frozen.get(30, TimeUnit.SECONDS);
            System.out.printf("PUBLISH TIMEOUT %s: failed after %d ms: %s%n", transport, millis, failure);
            assertThat(failure).as("the publish's outcome").isNotNull().cause()
                    .isInstanceOf(dev.conduit.api.PublishException.class)
                    .hasMessageContaining("within publishTimeoutMs=2000").hasMessageContaining("may or may not be stored");
            assertThat(millis).isBetween(1_900L, 4_000L);
        }
    }

    /** Whether the broker process is stopped now (the freeze runs on another thread). */
    private static boolean frozenNow(TestBroker broker) {
        return broker instanceof TestBroker.Kafka kafka ? kafka.broker().isFrozen()
                : broker instanceof TestBroker.Nats nats && nats.server().isFrozen();
    }

    private EventStreamConnectionFactory factory(TestBroker broker, String topicConfig) throws Exception {
        return factory(broker, topicConfig, null);
    }

    private EventStreamConnectionFactory factory(TestBroker broker, String topicConfig, String publishTimeoutMs)
            throws Exception {
        dev.conduit.outbound.ConduitManagedConnectionFactory mcf = new dev.conduit.outbound
                .ConduitManagedConnectionFactory();
        mcf.setTransport(broker.transport());
        mcf.setServers(broker.servers());
        mcf.setTopicConfig(topicConfig);
        if (publishTimeoutMs != null) {
            mcf.setPublishTimeoutMs(publishTimeoutMs);
        }
        mcf.setResourceAdapter(adapter);
        return (EventStreamConnectionFactory) mcf.createConnectionFactory();
    }

    /** An MDB deployed on {@code topic}, failing on its poison event, and what it delivered. */
    private record PoisonedMdb(EveryTransportTest test, TestEndpointFactory endpoints, ConduitActivationSpec spec,
                               Queue<Integer> delivered) {
        void undeploy() {
            test.adapter.endpointDeactivation(endpoints, spec);
        }
    }

    /** Publishes ten events of aggregate 'a' (seq 0-9, seq 4 is poison), then deploys an MDB failing on it. */
    private PoisonedMdb poisonedMdb(TestBroker broker, String topic, String group, String strategy)
            throws Exception {
        for (int seq = 0; seq < 10; seq++) {
            publish(broker, topic, seq, seq == 4);
        }
        Queue<Integer> delivered = new ConcurrentLinkedQueue<>();
        ConduitActivationSpec spec = failureSpec(broker, topic, group, strategy);
        TestEndpointFactory endpoints = new TestEndpointFactory(failingOnPoison(delivered));
        adapter.endpointActivation(endpoints, spec);
        return new PoisonedMdb(this, endpoints, spec, delivered);
    }

    private void publish(TestBroker broker, String topic, int seq, boolean poison) throws Exception {
        try (EventStreamConnection connection = SustainedScenario.factory(adapter, broker).getConnection()) {
            connection.publishEnvelope(topic, Envelope.builder("Step").aggregateId("a")
                    .header("seq", Integer.toString(seq)).header("poison", Boolean.toString(poison))
                    .payload(new byte[8]).build());
        }
    }

    private static EventListener failingOnPoison(Queue<Integer> delivered) {
        return event -> {
            if ("true".equals(event.envelope().headers().get("poison"))) {
                throw new IllegalStateException("cannot handle poison " + seq(event));
            }
            delivered.add(seq(event));
        };
    }

    private static int seq(IncomingEvent event) {
        return Integer.parseInt(event.envelope().headers().get("seq"));
    }

    private static ConduitActivationSpec failureSpec(TestBroker broker, String topic, String group,
                                                     String strategy) {
        ConduitActivationSpec spec = SustainedScenario.spec(broker, group);
        spec.setTopics(topic);
        spec.setConcurrency("2");
        spec.setMaxAttempts("2");
        spec.setFailureStrategy(strategy);
        return spec;
    }

    private static ConduitActivationSpec orderingSpec(TestBroker broker, String topic, String group,
                                                      String ordering) {
        ConduitActivationSpec spec = SustainedScenario.spec(broker, group);
        spec.setTopics(topic);
        spec.setConcurrency("16");
        spec.setOrdering(ordering);
        spec.setMaxAttempts("5");
        return spec;
    }

    private ActivationStatus status(String group) {
        return adapter.activationStatus().stream().filter(status -> status.description().contains(" group "
                + group)).findFirst().orElseThrow(() -> new AssertionError("no activation of group " + group));
    }
}
