package dev.conduit.transport.kafka;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.brokers.ForkedKafka;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.outbound.ConduitManagedConnectionFactory;
import dev.conduit.testsupport.AdapterTest;
import dev.conduit.testsupport.OrderChecker;
import dev.conduit.testsupport.SustainedScenario;
import dev.conduit.testsupport.TestEndpointFactory;

/**
 * The users' shape on a real KRaft broker in its own JVM (so it can be frozen): several topics, publishing while
 * consuming, a broker that freezes.
 */
class KafkaSustainedLoadTest extends AdapterTest {

    private static ForkedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = ForkedKafka.start(4);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void fiveTopicsUnderSustainedLoadWhileTheBrokerFreezes() throws Exception {
        SustainedScenario scenario = new SustainedScenario(SustainedScenario.USERS, "sustained");
        ConduitManagedConnectionFactory mcf = new ConduitManagedConnectionFactory();
        mcf.setTransport("kafka");
        mcf.setServers(kafka.bootstrapServers());
        mcf.setResourceAdapter(adapter);
        ConduitActivationSpec spec = new ConduitActivationSpec();
        spec.setTransport("kafka");
        spec.setServers(kafka.bootstrapServers());
        spec.setGroupId("sustained");
        spec.setRetryBackoffMs("10");
        OrderChecker checker = new OrderChecker(0.002, 0.001, Duration.ofMillis(50));

        scenario.runAndCheck(adapter, (EventStreamConnectionFactory) mcf.createConnectionFactory(), spec, checker,
                () -> {
                    for (int i = 0; i < 6; i++) {
                        Thread.sleep(600);
                        kafka.freeze(Duration.ofMillis(400));
                    }
                    Thread.sleep(1_000);
                    kafka.freeze(Duration.ofSeconds(3));
                }, "kafka, broker frozen 6 x 400 ms then 3 s");
    }

    @Test
    void aBatchListenerOnFiveTopicsUnderSustainedLoadWhileTheBrokerFreezes() throws Exception {
        SustainedScenario scenario = new SustainedScenario(SustainedScenario.USERS, "batched")
                .withBatchListener();
        ConduitManagedConnectionFactory mcf = new ConduitManagedConnectionFactory();
        mcf.setTransport("kafka");
        mcf.setServers(kafka.bootstrapServers());
        mcf.setResourceAdapter(adapter);
        ConduitActivationSpec spec = new ConduitActivationSpec();
        spec.setTransport("kafka");
        spec.setServers(kafka.bootstrapServers());
        spec.setGroupId("batched");
        spec.setMaxBatchSize("100");
        spec.setRetryBackoffMs("10");
        OrderChecker checker = new OrderChecker(0.002, 0.001, Duration.ofMillis(50));

        scenario.runAndCheck(adapter, (EventStreamConnectionFactory) mcf.createConnectionFactory(), spec, checker,
                () -> {
                    for (int i = 0; i < 6; i++) {
                        Thread.sleep(600);
                        kafka.freeze(Duration.ofMillis(400));
                    }
                    Thread.sleep(1_000);
                    kafka.freeze(Duration.ofSeconds(3));
                }, "kafka batches, broker frozen 6 x 400 ms then 3 s");
    }

    /**
     * A second server joins the group mid-stream and leaves again (two rebalances while events flow and the
     * consumer may be paused): every aggregate stays in order across the hand-overs, nothing is lost, and no
     * aggregate is ever in two members' listeners at once.
     */
    @Test
    void aMemberJoiningAndLeavingMidStreamKeepsEveryAggregateInOrder() throws Exception {
        SustainedScenario scenario = new SustainedScenario(new SustainedScenario.Shape(5, 1_000, 60_000, 8_000, 8),
                "rebalance").expectingReplays();
        ConduitManagedConnectionFactory mcf = new ConduitManagedConnectionFactory();
        mcf.setTransport("kafka");
        mcf.setServers(kafka.bootstrapServers());
        mcf.setResourceAdapter(adapter);
        OrderChecker checker = new OrderChecker(0.002, 0.002, Duration.ofMillis(20));
        ConduitActivationSpec first = member();
        ConduitActivationSpec second = member();
        second.setTopics(String.join(",", scenario.topics()));
        second.setConcurrency("8");
        LongAdder deliveredBySecond = new LongAdder();
        TestEndpointFactory secondServer = new TestEndpointFactory(event -> {
            deliveredBySecond.increment();
            checker.onEvent(event);
        });

        scenario.runAndCheck(adapter, (EventStreamConnectionFactory) mcf.createConnectionFactory(), first, checker,
                () -> {
                    Thread.sleep(2_000);
                    adapter.endpointActivation(secondServer, second);
                    Thread.sleep(3_000);
                    adapter.endpointDeactivation(secondServer, second);
                }, "kafka, a second member joins after 2 s and leaves 3 s later");
        assertThat(deliveredBySecond.sum()).as("events the second member delivered").isPositive();
    }

    private static ConduitActivationSpec member() {
        ConduitActivationSpec spec = new ConduitActivationSpec();
        spec.setTransport("kafka");
        spec.setServers(kafka.bootstrapServers());
        spec.setGroupId("rebalance");
        spec.setRetryBackoffMs("10");
        return spec;
    }
}
