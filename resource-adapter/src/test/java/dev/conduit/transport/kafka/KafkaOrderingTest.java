package dev.conduit.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.outbound.ConduitManagedConnectionFactory;
import dev.conduit.testsupport.OrderChecker;
import dev.conduit.testsupport.OrderingScenario;
import dev.conduit.testsupport.RealKafkaAdapterTest;
import dev.conduit.testsupport.TestEndpointFactory;

/** 100,000 envelopes over 1,000 aggregates on a real broker: ordered per aggregate, nothing lost. */
class KafkaOrderingTest extends RealKafkaAdapterTest {

    @Test
    void orderedPerAggregateWithRetriesAndComparedWithTheUnorderedPath() throws Exception {
        kafka.createTopic("ordering", 8);
        ConduitManagedConnectionFactory mcf = new ConduitManagedConnectionFactory();
        mcf.setTransport("kafka");
        mcf.setServers(kafka.bootstrapServers());
        mcf.setResourceAdapter(adapter);
        OrderingScenario.publish((EventStreamConnectionFactory) mcf.createConnectionFactory(), "ordering");

        OrderChecker ordered = new OrderChecker(0.01);
        double orderedRate = OrderingScenario.consumeAndCheck(adapter, new TestEndpointFactory(ordered),
                spec("ordered", "aggregate"), ordered, "kafka ordered (1% first attempts fail)");
        assertThat(ordered.injectedFailures()).isPositive();

        double unorderedRate = OrderingScenario.consumeUnordered(adapter, spec("unordered", "none"),
                "kafka unordered");
        System.out.printf("ORDERING kafka: ordered %.0f events/s vs unordered %.0f events/s (same run)%n",
                orderedRate, unorderedRate);
    }

    private static ConduitActivationSpec spec(String group, String ordering) {
        ConduitActivationSpec spec = new ConduitActivationSpec();
        spec.setTransport("kafka");
        spec.setServers(kafka.bootstrapServers());
        spec.setTopics("ordering");
        spec.setGroupId(group);
        spec.setConcurrency("16");
        spec.setOrdering(ordering);
        spec.setRetryBackoffMs("1");
        spec.setPollTimeoutMs("100");
        return spec;
    }
}
