package dev.conduit.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.conduit.brokers.ForkedKafka;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.testsupport.AdapterTest;
import dev.conduit.testsupport.Await;
import dev.conduit.testsupport.OrderChecker;
import dev.conduit.testsupport.SustainedScenario;
import dev.conduit.testsupport.TestEndpointFactory;

/**
 * Kafka-only faults under the users' shape: group members joining and leaving mid-stream (pauses of the broker:
 * EveryTransportTest).
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

    /**
     * A second server joins the group mid-stream and leaves again (two rebalances while events flow and the
     * consumer may be paused): every aggregate stays in order across the hand-overs, nothing is lost, and no
     * aggregate is ever in two members' listeners at once.
     */
    @Test
    void aMemberJoiningAndLeavingMidStreamKeepsEveryAggregateInOrder() throws Exception {
        SustainedScenario scenario = new SustainedScenario(new SustainedScenario.Shape(5, 1_000, 60_000, 8_000, 8),
                "rebalance").expectingReplays();
        OrderChecker checker = new OrderChecker(0.002, 0.002, Duration.ofMillis(20));
        ConduitActivationSpec first = SustainedScenario.spec("kafka", kafka.bootstrapServers(), "rebalance");
        ConduitActivationSpec second = SustainedScenario.spec("kafka", kafka.bootstrapServers(), "rebalance");
        second.setTopics(String.join(",", scenario.topics()));
        second.setConcurrency("8");
        LongAdder deliveredBySecond = new LongAdder();
        java.util.concurrent.atomic.AtomicLong firstKeptGoing = new java.util.concurrent.atomic.AtomicLong();
        TestEndpointFactory secondServer = new TestEndpointFactory(event -> {
            deliveredBySecond.increment();
            checker.onEvent(event);
        });

        scenario.runAndCheck(adapter, SustainedScenario.factory(adapter, "kafka", kafka.bootstrapServers()), first,
                checker,
                () -> {
                    Thread.sleep(2_000);
                    long joined = System.nanoTime();
                    long firstBefore = checker.delivered();
                    adapter.endpointActivation(secondServer, second);
                    // Cooperative rebalancing hands partitions over in two rounds; it leaves once it worked.
                    Await.until(() -> deliveredBySecond.sum() >= 1_000, Duration.ofSeconds(20),
                            "the second member delivering");
                    long firstMeanwhile = checker.delivered() - deliveredBySecond.sum() - firstBefore;
                    System.out.printf("REBALANCE kafka: the second member delivered 1,000 events %.1f s after "
                            + "joining; the first delivered %d meanwhile%n", (System.nanoTime() - joined) / 1e9,
                            firstMeanwhile);
                    firstKeptGoing.set(firstMeanwhile);
                    adapter.endpointDeactivation(secondServer, second);
                }, "kafka, a second member joins after 2 s and leaves once it delivered 1,000 events");
        assertThat(deliveredBySecond.sum()).as("events the second member delivered").isPositive();
        assertThat(firstKeptGoing.get()).as("the first member kept delivering while the second joined "
                + "(cooperative rebalancing)").isGreaterThan(1_000);
    }
}
