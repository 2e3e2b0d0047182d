package dev.conduit.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.conduit.config.InboundOptions;
import dev.conduit.config.InvalidConfigurationException;

class ConduitActivationSpecTest {

    @Test
    void validSpecParsesWithDefaults() throws Exception {
        ConduitActivationSpec spec = spec();
        spec.setTopics(" orders , payments,orders ,");

        spec.validate();

        assertThat(ConduitActivationSpec.topics(spec.config())).containsExactly("orders", "payments");
        assertThat(spec.config().get(InboundOptions.CONCURRENCY)).isEqualTo(1);
        assertThat(spec.config().get(InboundOptions.START_POSITION)).isEqualTo("earliest");
    }

    @Test
    void invalidSpecListsEveryProblem() {
        ConduitActivationSpec spec = new ConduitActivationSpec();
        spec.setTransport("rabbitmq");
        spec.setConcurrency("0");
        spec.setStartPosition("middle");

        assertThatThrownBy(spec::validate).isInstanceOfSatisfying(InvalidConfigurationException.class,
                e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "property 'transport' = 'rabbitmq' must be one of [kafka, nats]",
                        "property 'servers' is required (string): " + dev.conduit.config.CommonOptions.SERVERS
                                .documentation(),
                        "property 'topics' is required (string): " + InboundOptions.TOPICS.documentation(),
                        "property 'groupId' is required (string): " + InboundOptions.GROUP_ID.documentation(),
                        "property 'concurrency' = '0' must be between 1 and 256",
                        "property 'startPosition' = 'middle' must be one of [earliest, latest]"));
    }

    @Test
    void emptyTopicListAndUnsupportedSettingsAreRefused() {
        ConduitActivationSpec spec = spec();
        spec.setTopics(" , ");
        assertThatThrownBy(spec::validate).hasMessageContaining("property 'topics' lists no topic");

        ConduitActivationSpec managed = spec();
        managed.setKafkaProperties("enable.auto.commit=true");
        assertThatThrownBy(managed::validate)
                .hasMessageContaining("sets 'enable.auto.commit', which the adapter manages");

        ConduitActivationSpec nats = spec();
        nats.setTransport("nats");
        nats.setServers("nats://localhost:4222");
        nats.setKafkaProperties("fetch.min.bytes=1");
        assertThatThrownBy(nats::validate).hasMessageContaining("'kafkaProperties' applies to transport=kafka only");
    }

    private static ConduitActivationSpec spec() {
        ConduitActivationSpec spec = new ConduitActivationSpec();
        spec.setTransport("kafka");
        spec.setServers("localhost:9092");
        spec.setTopics("orders");
        spec.setGroupId("billing");
        return spec;
    }
}
