package dev.conduit.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.beans.PropertyDescriptor;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.conduit.config.CommonOptions;
import dev.conduit.config.InboundOptions;
import dev.conduit.config.InboundOptions.OnFailure;
import dev.conduit.config.InboundOptions.StartPosition;
import dev.conduit.config.InvalidConfigurationException;

class ConduitActivationSpecTest {

    @Test
    void validSpecParsesWithDefaults() throws Exception {
        ConduitActivationSpec spec = spec();
        spec.setTopics(" orders , payments,orders ,");

        spec.validate();

        assertThat(spec.config().values().get(InboundOptions.TOPICS)).containsExactly("orders", "payments");
        assertThat(spec.config().values().get(InboundOptions.CONCURRENCY)).isEqualTo(1);
        assertThat(spec.config().values().get(InboundOptions.START_POSITION)).isEqualTo(StartPosition.EARLIEST);
        assertThat(spec.config().values().get(InboundOptions.FAILURE_STRATEGY)).isEqualTo(OnFailure.DEAD_LETTER);
        assertThat(spec.config().transport().id()).isEqualTo("kafka");
    }

    @Test
    void invalidSpecListsEveryProblemAndDescribesTheFailingProperties() {
        ConduitActivationSpec spec = new ConduitActivationSpec();
        spec.setTransport("kafka");
        spec.setConcurrency("0");
        spec.setStartPosition("middle");
        spec.setFailureStrategy("retry-forever");

        assertThatThrownBy(spec::validate).isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
            assertThat(e.problems()).containsExactlyInAnyOrder(
                    "property 'servers' is required (string): " + CommonOptions.SERVERS.documentation(),
                    "property 'topics' is required (comma-separated list): " + InboundOptions.TOPICS.documentation(),
                    "property 'groupId' is required (string): " + InboundOptions.GROUP_ID.documentation(),
                    "property 'concurrency' = '0' must be between 1 and 256",
                    "property 'startPosition' = 'middle' must be one of earliest, latest",
                    "property 'failureStrategy' = 'retry-forever' must be one of dead-letter, ignore, fail");
            assertThat(Arrays.stream(e.getInvalidPropertyDescriptors()).map(PropertyDescriptor::getName))
                    .containsExactlyInAnyOrder("servers", "topics", "groupId", "concurrency", "startPosition",
                            "failureStrategy");
        });
    }

    @Test
    void emptyTopicListAndUnsupportedSettingsAreRefused() {
        ConduitActivationSpec spec = spec();
        spec.setTopics(" , ");
        assertThatThrownBy(spec::validate).hasMessageContaining("property 'topics' is required");

        ConduitActivationSpec managed = spec();
        managed.setKafkaProperties("enable.auto.commit=true");
        assertThatThrownBy(managed::validate)
                .hasMessageContaining("sets 'enable.auto.commit', which the adapter manages");

        ConduitActivationSpec nats = natsSpec();
        nats.setKafkaProperties("fetch.min.bytes=1");
        assertThatThrownBy(nats::validate).hasMessageContaining("property 'kafkaProperties' does not apply to "
                + "transport=nats (it is read by kafka)");

        ConduitActivationSpec envelope = spec();
        envelope.setDelivery("envelope");
        envelope.setGuarantee("at-most-once");
        assertThatThrownBy(envelope::validate).hasMessageContaining("property 'guarantee' = 'at-most-once' does "
                + "not combine with delivery=envelope");

        ConduitActivationSpec deadLetters = natsSpec();
        deadLetters.setDeadLetterTopic("orders dead");
        assertThatThrownBy(deadLetters::validate).hasMessageContaining("property 'deadLetterTopic': NATS subject "
                + "'orders dead' contains ' '");
    }

    private static ConduitActivationSpec spec() {
        ConduitActivationSpec spec = new ConduitActivationSpec();
        spec.setTransport("kafka");
        spec.setServers("localhost:9092");
        spec.setTopics("orders");
        spec.setGroupId("billing");
        return spec;
    }

    private static ConduitActivationSpec natsSpec() {
        ConduitActivationSpec spec = spec();
        spec.setTransport("nats");
        spec.setServers("nats://localhost:4222");
        return spec;
    }
}
