package dev.conduit.transport.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.conduit.api.Envelope;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.brokers.TcpProxy;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.testsupport.Await;
import dev.conduit.testsupport.OrderChecker;
import dev.conduit.testsupport.RealNatsAdapterTest;
import dev.conduit.testsupport.SustainedScenario;
import dev.conduit.testsupport.TestEndpointFactory;

/** NATS-only faults under the users' shape: a server restart and dropped connections (pauses: EveryTransportTest). */
class NatsSustainedLoadTest extends RealNatsAdapterTest {

    /**
     * The server dies (kill -9) and comes back while the MDB works through a backlog: deliveries on their way are
     * lost with the connection and come back only after ackWait. Nothing may be lost, and no aggregate may see a
     * later event before the lost one.
     */
    @Test
    void aServerRestartInTheMiddleOfDeliveryKeepsEveryAggregateInOrder() throws Exception {
        SustainedScenario scenario = new SustainedScenario(
                new SustainedScenario.Shape(5, 200, 20_000, Integer.MAX_VALUE, 8), "restart")
                .expectingReplays();
        ConduitActivationSpec spec = SustainedScenario.spec("nats", nats.url(), "restart");
        spec.setAckWaitMs("3000");
        spec.setReconnectWaitMs("100");
        // Slow enough that the backlog takes seconds: the restart lands in the middle of delivery.
        OrderChecker checker = new OrderChecker(0, 0.02, Duration.ofMillis(20));

        scenario.backlogThenConsume(adapter, SustainedScenario.factory(adapter, "nats", nats.url()), spec,
                checker, () -> {
                    Await.until(() -> checker.delivered() >= 5_000, "5,000 deliveries before the restart");
                    nats.restart();
                }, "nats, server killed and restarted after 5,000 deliveries");
    }

    /**
     * The network drops the MDB's connection three times while events flow (the server keeps running): what was on
     * the wire is lost and comes back only after ackWait. No aggregate may see a later event before the lost one.
     */
    @Test
    void droppedConnectionsWhileEventsFlowKeepEveryAggregateInOrder() throws Exception {
        try (TcpProxy network = TcpProxy.to(nats.port())) {
            String throughProxy = "nats://127.0.0.1:" + network.port();
            // Acks on the wire when the connection drops are lost: those events come again, normally with a
            // higher delivery count; once in a full-suite run (not reproduced alone) one came again with count 1, so
            // replays are counted rather than failed here. Losses and order are asserted.
            SustainedScenario scenario = new SustainedScenario(
                    new SustainedScenario.Shape(5, 200, 30_000, 5_000, 8), "dropped").expectingReplays();
            ConduitActivationSpec spec = SustainedScenario.spec("nats", throughProxy, "dropped");
            spec.setAckWaitMs("2000");
            spec.setReconnectWaitMs("100");
            OrderChecker checker = new OrderChecker(0, 0.01, Duration.ofMillis(5));

            scenario.runAndCheck(adapter, SustainedScenario.factory(adapter, "nats", nats.url()), spec,
                    checker, () -> {
                        for (int i = 0; i < 3; i++) {
                            Thread.sleep(1_500);
                            network.dropConnections();
                        }
                    }, "nats, the MDB's connection dropped 3 times");
        }
    }

    /**
     * A server dies while its MDB holds events (its connection is cut for good, nothing handed back), and another
     * activation of the group takes over: the events the dead one held come back only after ackWait, and they must
     * reach the new MDB before any later event of their aggregates.
     */
    @Test
    void aServerThatDiesHoldingEventsLeavesThemToTheNextReaderFirst() throws Exception {
        int aggregates = 100;
        int perAggregate = 20;
        EventStreamConnectionFactory factory = SustainedScenario.factory(adapter, "nats", nats.url());
        try (EventStreamConnection connection = factory.getConnection()) {
            for (int seq = 0; seq < perAggregate; seq++) {
                for (int a = 0; a < aggregates; a++) {
                    connection.publishEnvelopeAsync("takeover", Envelope.builder("Step").aggregateId("agg-" + a)
                            .header("seq", Integer.toString(seq)).payload(new byte[8]).build());
                }
            }
            connection.publishEnvelope("takeover", Envelope.builder("Step").aggregateId("last")
                    .header("seq", "0").payload(new byte[8]).build());
        }
        // Slow: the dying server holds a few hundred events when it goes.
        OrderChecker checker = new OrderChecker(0, 1.0, Duration.ofMillis(10));
        try (TcpProxy network = TcpProxy.to(nats.port())) {
            ConduitActivationSpec dying = SustainedScenario.spec("nats", "nats://127.0.0.1:" + network.port(),
                    "takeover");
            dying.setTopics("takeover");
            dying.setConcurrency("4");
            dying.setAckWaitMs("3000");
            // It holds at most 100 at a time: most events are still unread when it dies.
            dying.setMaxBufferedEvents("100");
            dying.setMaxPollRecords("50");
            TestEndpointFactory first = new TestEndpointFactory(checker);
            adapter.endpointActivation(first, dying);
            Await.until(() -> checker.delivered() >= 200, "200 deliveries by the first server");
            network.close();
            long deliveredByFirst = checker.delivered();

            ConduitActivationSpec next = SustainedScenario.spec("nats", nats.url(), "takeover");
            next.setTopics("takeover");
            next.setConcurrency("4");
            next.setAckWaitMs("3000");
            TestEndpointFactory second = new TestEndpointFactory(checker);
            adapter.endpointActivation(second, next);
            Await.until(() -> checker.delivered() >= aggregates * perAggregate + 1, Duration.ofSeconds(90),
                    "every event after the take-over");
            adapter.endpointDeactivation(second, next);
            adapter.endpointDeactivation(first, dying);
            System.out.println("TAKEOVER nats: first server delivered " + deliveredByFirst + " before it died; "
                    + checker.summary());
        }
        assertThat(checker.orderViolations()).as(checker.summary()).isZero();
        assertThat(checker.concurrentViolations()).as(checker.summary()).isZero();
        assertThat(checker.delivered()).isEqualTo(aggregates * perAggregate + 1);
    }
}
